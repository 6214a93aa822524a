import { z } from 'zod';

interface KeySettings {
  NODE_ENV: string;
  SECRETS_ENCRYPTION_KEY?: string;
  CREDENTIALS_ENCRYPTION_KEY?: string;
}

/**
 * Production needs SECRETS_ENCRYPTION_KEY (or its former name, CREDENTIALS_ENCRYPTION_KEY): what it encrypts must outlive
 * the machine, so it never makes a key of its own, as local mode does (`DATA_DIR/secrets.key`).
 */
export function checkEncryptionKey(settings: KeySettings, ctx: z.RefinementCtx): void {
  if (settings.NODE_ENV !== 'production' || settings.SECRETS_ENCRYPTION_KEY || settings.CREDENTIALS_ENCRYPTION_KEY) return;
  ctx.addIssue({
    code: z.ZodIssueCode.custom,
    path: ['SECRETS_ENCRYPTION_KEY'],
    message:
      'is required with NODE_ENV=production: it encrypts the secrets kept in the database and the Temporal payloads ' +
      '(32 bytes in base64: openssl rand -base64 32)',
  });
}
