import { decodeKey, KeyRing, keyIdOf, newKey, SealedSecretError } from './key-ring';

const key = () => decodeKey(newKey()) as Buffer;

describe('KeyRing', () => {
  it('seals with the current key and opens it again, in the same context only', () => {
    const ring = new KeyRing(key());
    const sealed = ring.seal('whsec-a-secret', 'subscription-1');

    expect(sealed.keyId).toBe(ring.currentKeyId);
    expect(sealed.ciphertext).not.toContain('whsec');
    expect(ring.open(sealed, 'subscription-1')).toBe('whsec-a-secret');
    expect(() => ring.open(sealed, 'subscription-2')).toThrow(SealedSecretError);
  });

  it('opens what an older key sealed once that key is kept as a previous one, and says it is stale', () => {
    const [old, current] = [key(), key()];
    const sealed = new KeyRing(old).seal('refresh-token', 'row');
    const rotated = new KeyRing(current, [old]);

    expect(rotated.open(sealed, 'row')).toBe('refresh-token');
    expect(rotated.isStale(sealed)).toBe(true);
    expect(rotated.isStale(rotated.seal('refresh-token', 'row'))).toBe(false);
  });

  it('refuses a value sealed under a key it does not hold, naming key ids only', () => {
    const [first, other] = [key(), key()];
    const sealed = new KeyRing(first).seal('secret', 'row');
    expect(() => new KeyRing(other).open(sealed, 'row')).toThrow(`encrypted with key ${keyIdOf(first)}, which is not configured`);
  });

  it('refuses an altered value without showing it', () => {
    const ring = new KeyRing(key());
    const sealed = ring.seal('secret', 'row');
    const altered = { ...sealed, ciphertext: Buffer.from('Xecret').toString('base64') };
    expect(() => ring.open(altered, 'row')).toThrow('fails its integrity check');
  });

  it('keeps the key ids of keys from before the ring, so what they sealed still opens', () => {
    expect(keyIdOf(Buffer.alloc(32, 9))).toMatch(/^[0-9a-f]{16}$/);
  });

  it('takes only 32-byte base64 keys', () => {
    expect(decodeKey(newKey())).toHaveLength(32);
    expect(decodeKey(Buffer.alloc(16).toString('base64'))).toBeUndefined();
    expect(decodeKey('not base64!')).toBeUndefined();
  });
});
