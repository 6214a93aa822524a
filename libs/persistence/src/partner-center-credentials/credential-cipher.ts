import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** A secret encrypted with AES-256-GCM; every part base64. */
export interface SealedSecret {
  ciphertext: string;
  iv: string;
  authTag: string;
  /** Which key sealed it, so that keys can rotate: a fingerprint of the key, never the key. */
  keyId: string;
}

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

/** Encrypts secrets at rest with the key from CREDENTIALS_ENCRYPTION_KEY (32 bytes, base64). No error carries a secret. */
export class CredentialCipher {
  readonly keyId: string;
  private readonly key: Buffer;

  constructor(base64Key: string) {
    this.key = Buffer.from(base64Key, 'base64');
    if (this.key.length !== 32) throw new Error(`The credentials encryption key must be 32 bytes in base64, not ${this.key.length} bytes`);
    this.keyId = createHash('sha256').update('escalade credentials key id\0').update(this.key).digest('hex').slice(0, 16);
  }

  /** `context` (e.g. the row's id) is authenticated with the secret: a ciphertext moved to another row does not open. */
  seal(plaintext: string, context: string): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv).setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { ciphertext: ciphertext.toString('base64'), iv: iv.toString('base64'), authTag: cipher.getAuthTag().toString('base64'), keyId: this.keyId };
  }

  open(sealed: SealedSecret, context: string): string {
    if (sealed.keyId !== this.keyId) {
      throw new Error(`the secret was encrypted with key ${sealed.keyId}, but CREDENTIALS_ENCRYPTION_KEY is key ${this.keyId}`);
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(sealed.iv, 'base64'))
        .setAAD(Buffer.from(context, 'utf8'))
        .setAuthTag(Buffer.from(sealed.authTag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('the encrypted secret fails its integrity check: it was altered');
    }
  }
}
