import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { decodeKey, KeyRing, newKey } from './key-ring';
import { dataConverterFor, ENCRYPTED_ENCODING, ENCRYPTION_KEY_ID, EncryptedPayloadError, PayloadEncryptionCodec } from './payload-codec';

const key = () => decodeKey(newKey()) as Buffer;
const text = (bytes: Uint8Array | null | undefined) => Buffer.from(bytes ?? []).toString('utf8');

const TICKET = { customer: { name: 'Contoso Ltd', tenantId: '11111111-1111-1111-1111-111111111111' }, contact: { email: 'ada@fabrikam.com' } };
const payloadOf = (value: unknown) => defaultPayloadConverter.toPayload(value);

describe('PayloadEncryptionCodec', () => {
  it('encrypts the whole payload under the current key, its id beside it, and decrypts it to the same payload', async () => {
    const ring = new KeyRing(key());
    const codec = new PayloadEncryptionCodec(ring);
    const original = payloadOf(TICKET);

    const [encrypted] = await codec.encode([original]);

    expect(text(encrypted.metadata?.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encrypted.metadata?.[ENCRYPTION_KEY_ID])).toBe(ring.currentKeyId);
    expect(Object.keys(encrypted.metadata ?? {})).toEqual(['encoding', ENCRYPTION_KEY_ID]);
    for (const clear of ['Contoso', 'ada@fabrikam.com', '11111111', 'json/plain']) expect(text(encrypted.data)).not.toContain(clear);
    const [decrypted] = await codec.decode([encrypted]);
    expect(text(decrypted.metadata?.encoding)).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(decrypted)).toEqual(TICKET);
  });

  it('encrypts each payload with its own nonce: the same value twice gives two ciphertexts', async () => {
    const codec = new PayloadEncryptionCodec(new KeyRing(key()));
    const [first, second] = await codec.encode([payloadOf(TICKET), payloadOf(TICKET)]);
    expect(Buffer.from(first.data ?? []).equals(Buffer.from(second.data ?? []))).toBe(false);
  });

  it('keeps payloads without data (undefined, an empty array of payloads) decodable', async () => {
    const codec = new PayloadEncryptionCodec(new KeyRing(key()));
    expect(await codec.encode([])).toEqual([]);
    const decoded = await codec.decode(await codec.encode([payloadOf(undefined)]));
    expect(defaultPayloadConverter.fromPayload(decoded[0])).toBeUndefined();
  });

  it('decrypts payloads sealed under a former key once it is kept in the ring, and seals new ones under the current key', async () => {
    const [former, current] = [key(), key()];
    const [old] = await new PayloadEncryptionCodec(new KeyRing(former)).encode([payloadOf(TICKET)]);
    const rotated = new KeyRing(current, [former]);
    const codec = new PayloadEncryptionCodec(rotated);

    expect(defaultPayloadConverter.fromPayload((await codec.decode([old]))[0])).toEqual(TICKET);
    const [fresh] = await codec.encode([payloadOf(TICKET)]);
    expect(text(fresh.metadata?.[ENCRYPTION_KEY_ID])).toBe(rotated.currentKeyId);
    expect(rotated.currentKeyId).not.toBe(text(old.metadata?.[ENCRYPTION_KEY_ID]));
  });

  it('refuses a payload sealed under a key it does not hold, naming the key id, never the data', async () => {
    const stranger = new KeyRing(key());
    const [encrypted] = await new PayloadEncryptionCodec(stranger).encode([payloadOf(TICKET)]);
    const decoding = new PayloadEncryptionCodec(new KeyRing(key())).decode([encrypted]);

    await expect(decoding).rejects.toThrow(EncryptedPayloadError);
    await expect(decoding).rejects.toThrow(`encrypted with key ${stranger.currentKeyId}, which is not configured`);
    await expect(decoding).rejects.not.toThrow(/Contoso/);
  });

  it('refuses an altered payload: a flipped bit in the ciphertext, the tag or the nonce, or another key id', async () => {
    const [held, other] = [key(), key()];
    const ring = new KeyRing(held, [other]);
    const codec = new PayloadEncryptionCodec(ring);
    const [encrypted] = await codec.encode([payloadOf(TICKET)]);
    const data = Buffer.from(encrypted.data ?? []);
    const flipped = (at: number): Payload => {
      const altered = Buffer.from(data);
      altered[at] ^= 1;
      return { ...encrypted, data: altered };
    };

    for (const at of [0, 20, data.length - 1]) {
      await expect(codec.decode([flipped(at)])).rejects.toThrow('fails its integrity check');
    }
    const relabelled = { ...encrypted, metadata: { ...encrypted.metadata, [ENCRYPTION_KEY_ID]: Buffer.from(ring.keyIds[1]) } };
    await expect(codec.decode([relabelled])).rejects.toThrow('fails its integrity check');
  });

  it('refuses an encrypted payload without its key id, or too short to hold a nonce and a tag', async () => {
    const codec = new PayloadEncryptionCodec(new KeyRing(key()));
    const [encrypted] = await codec.encode([payloadOf(TICKET)]);
    const withoutKeyId = { ...encrypted, metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING) } };
    await expect(codec.decode([withoutKeyId])).rejects.toThrow(`without its ${ENCRYPTION_KEY_ID}`);
    await expect(codec.decode([{ ...encrypted, data: Buffer.alloc(10) }])).rejects.toThrow('too short');
  });

  it('passes payloads that are not encrypted through unchanged, so histories from before encryption still load', async () => {
    const codec = new PayloadEncryptionCodec(new KeyRing(key()));
    const clear = [payloadOf(TICKET), payloadOf(undefined), { metadata: { encoding: Buffer.from('binary/plain') }, data: Buffer.from([1, 2]) }];
    const decoded = await codec.decode(clear);
    expect(decoded).toHaveLength(3);
    decoded.forEach((payload, i) => expect(payload).toBe(clear[i]));
  });

  it('never opens a secret sealed at rest as a payload: payloads are sealed in a context of their own', async () => {
    const ring = new KeyRing(key());
    const secret = ring.seal(Buffer.from(payloadOf(TICKET).data ?? []), 'subscription-1');
    const forged = {
      metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING), [ENCRYPTION_KEY_ID]: Buffer.from(secret.keyId) },
      data: Buffer.concat([secret.iv, secret.ciphertext, secret.authTag].map((part) => Buffer.from(part, 'base64'))),
    };
    await expect(new PayloadEncryptionCodec(ring).decode([forged])).rejects.toThrow('fails its integrity check');
  });
});

describe('dataConverterFor', () => {
  it('is the default payload converter with the encryption codec over it', async () => {
    const ring = new KeyRing(key());
    const converter = dataConverterFor(ring);
    expect(converter.payloadConverterPath).toBeUndefined();
    expect(converter.payloadCodecs).toEqual([expect.any(PayloadEncryptionCodec)]);
    const [encrypted] = await (converter.payloadCodecs ?? [])[0].encode([payloadOf('x')]);
    expect(text(encrypted.metadata?.[ENCRYPTION_KEY_ID])).toBe(ring.currentKeyId);
  });
});
