import { decodeKey, KeyRing } from './key-ring';
import { localEncryptionKey } from './local-key-file';

export interface KeySettings {
  NODE_ENV: string;
  DATA_DIR: string;
  SECRETS_ENCRYPTION_KEY?: string;
  SECRETS_PREVIOUS_KEYS?: string[];
  /** The key Partner Center's refresh tokens were sealed with before the key ring: still opens them. */
  CREDENTIALS_ENCRYPTION_KEY?: string;
}

/** Production has no key of its own making: what it seals must outlive the machine. */
export class MissingEncryptionKeyError extends Error {
  constructor() {
    super('SECRETS_ENCRYPTION_KEY is required with NODE_ENV=production (32 bytes in base64: openssl rand -base64 32)');
    this.name = 'MissingEncryptionKeyError';
  }
}

/**
 * The key ring as configured: SECRETS_ENCRYPTION_KEY seals, the previous keys (and a former CREDENTIALS_ENCRYPTION_KEY)
 * open. Outside production, without a configured key, the data folder's own key (`DATA_DIR/secrets.key`).
 */
export function keyRingFrom(settings: KeySettings): KeyRing {
  const configured = settings.SECRETS_ENCRYPTION_KEY ?? settings.CREDENTIALS_ENCRYPTION_KEY;
  if (!configured && settings.NODE_ENV === 'production') throw new MissingEncryptionKeyError();
  const current = configured ?? localEncryptionKey(settings.DATA_DIR);
  const previous = [...(settings.SECRETS_PREVIOUS_KEYS ?? []), settings.CREDENTIALS_ENCRYPTION_KEY].filter((key): key is string => !!key && key !== current);
  return new KeyRing(decodeKey(current) as Buffer, previous.map((key) => decodeKey(key) as Buffer));
}
