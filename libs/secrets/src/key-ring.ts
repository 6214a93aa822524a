import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A value encrypted with AES-256-GCM; every part base64. */
export interface SealedSecret {
  ciphertext: string;
  iv: string;
  authTag: string;
  /** Which key sealed it, so that keys can rotate: a fingerprint of the key, never the key. */
  keyId: string;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
export const KEY_BYTES = 32;

/** Refused to open: sealed under a key the ring does not hold, or altered. Never carries the secret or a key. */
export class SealedSecretError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedSecretError';
  }
}

/** A key's id: a fingerprint (the ids of keys sealed before the ring existed are the same). */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update('escalade credentials key id\0').update(key).digest('hex').slice(0, 16);
}

/** A key as configured: 32 bytes in base64. Undefined when it is not one. */
export function decodeKey(base64: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64.trim())) return undefined;
  const key = Buffer.from(base64.trim(), 'base64');
  return key.length === KEY_BYTES ? key : undefined;
}

export function newKey(): string {
  return randomBytes(KEY_BYTES).toString('base64');
}

/**
 * The keys that encrypt secrets at rest and Temporal payloads: the current one seals, every one opens what it sealed
 * (keys rotate: a new current key, the old ones kept until everything is sealed again). `context` (a row's id, say) is
 * authenticated with the value: a ciphertext moved elsewhere does not open.
 */
export class KeyRing {
  readonly currentKeyId: string;
  private readonly keys = new Map<string, Buffer>();

  constructor(current: Buffer, previous: readonly Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== KEY_BYTES) throw new Error(`an encryption key must be ${KEY_BYTES} bytes, not ${key.length}`);
      this.keys.set(keyIdOf(key), key);
    }
    this.currentKeyId = keyIdOf(current);
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  seal(plaintext: string | Buffer, context: string): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key(this.currentKeyId), iv).setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
    return { ciphertext: ciphertext.toString('base64'), iv: iv.toString('base64'), authTag: cipher.getAuthTag().toString('base64'), keyId: this.currentKeyId };
  }

  open(sealed: SealedSecret, context: string): string {
    return this.openBytes(sealed, context).toString('utf8');
  }

  openBytes(sealed: SealedSecret, context: string): Buffer {
    const key = this.keys.get(sealed.keyId);
    if (!key) {
      throw new SealedSecretError(`the value was encrypted with key ${sealed.keyId}, which is not configured (keys: ${this.keyIds.join(', ')})`);
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(sealed.iv, 'base64'))
        .setAAD(Buffer.from(context, 'utf8'))
        .setAuthTag(Buffer.from(sealed.authTag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    } catch {
      throw new SealedSecretError('the encrypted value fails its integrity check: it was altered, or moved from elsewhere');
    }
  }

  /** Sealed under an older key: `npm run secrets:rotate` seals it again under the current one. */
  isStale(sealed: Pick<SealedSecret, 'keyId'>): boolean {
    return sealed.keyId !== this.currentKeyId;
  }

  private key(id: string): Buffer {
    return this.keys.get(id) as Buffer;
  }
}
