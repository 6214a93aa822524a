import { CredentialCipher, type SealedSecret } from './credential-cipher';

const KEY = Buffer.alloc(32, 1).toString('base64');
const OTHER_KEY = Buffer.alloc(32, 2).toString('base64');
const SECRET = '0.AXoA-refresh-token-value';

describe('CredentialCipher', () => {
  const cipher = new CredentialCipher(KEY);

  it('opens what it sealed, and seals the same secret differently each time (random IV)', () => {
    const first = cipher.seal(SECRET, 'tenant/app');
    const second = cipher.seal(SECRET, 'tenant/app');

    expect(cipher.open(first, 'tenant/app')).toBe(SECRET);
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(first.iv).not.toBe(second.iv);
    expect(JSON.stringify(first)).not.toContain(SECRET);
    expect(first.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('detects a ciphertext, an IV or a tag altered, or a ciphertext moved to another row', () => {
    const sealed = cipher.seal(SECRET, 'tenant/app');
    const flipFirstByte = (base64: string) => {
      const bytes = Buffer.from(base64, 'base64');
      bytes[0] ^= 1;
      return bytes.toString('base64');
    };
    const tampered: SealedSecret[] = [
      { ...sealed, ciphertext: flipFirstByte(sealed.ciphertext) },
      { ...sealed, iv: flipFirstByte(sealed.iv) },
      { ...sealed, authTag: flipFirstByte(sealed.authTag) },
    ];

    for (const altered of tampered) expect(() => cipher.open(altered, 'tenant/app')).toThrow('fails its integrity check');
    expect(() => cipher.open(sealed, 'tenant/other-app')).toThrow('fails its integrity check');
  });

  it('names the key a secret was sealed with when another key is configured', () => {
    const sealed = new CredentialCipher(OTHER_KEY).seal(SECRET, 'tenant/app');
    expect(() => cipher.open(sealed, 'tenant/app')).toThrow(`encrypted with key ${sealed.keyId}, but CREDENTIALS_ENCRYPTION_KEY is key ${cipher.keyId}`);
  });

  it('takes only a 32-byte key', () => {
    expect(() => new CredentialCipher(Buffer.alloc(16).toString('base64'))).toThrow('must be 32 bytes in base64, not 16 bytes');
  });
});
