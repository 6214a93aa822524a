import { METADATA_ENCODING_KEY, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { KeyRing, SealedSecretError } from './key-ring';

/** The encoding of an encrypted payload, and where its key id goes: the names Temporal's samples use. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const ENCRYPTION_KEY_ID = 'encryption-key-id';

/**
 * Authenticated with every payload. Fixed (payloads move between workflows, activities and the codec endpoint), yet its
 * own: a secret sealed at rest never opens as a payload, nor a payload as a secret.
 */
const PAYLOAD_CONTEXT = 'escalade temporal payload';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const ProtoPayload = temporal.api.common.v1.Payload;

/** A payload that cannot be decrypted: under a key the ring does not hold, altered, or not ours. Never shows the data. */
export class EncryptedPayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptedPayloadError';
  }
}

const utf8 = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/**
 * Encrypts every Temporal payload (workflow and activity arguments and results, signals, updates, queries, memos) with
 * AES-256-GCM under the key ring's current key, so Temporal's database and history exports hold no customer data in
 * clear. The whole original payload (its metadata too: the encoding says what the data is) is serialized and sealed;
 * the key id goes beside it, so any key of the ring opens what it sealed and keys rotate. A payload without the
 * encrypted encoding passes through: histories from before encryption still load and replay.
 */
export class PayloadEncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: KeyRing) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.encrypt(payload));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => this.decrypt(payload));
  }

  private encrypt(payload: Payload): Payload {
    const sealed = this.keys.seal(Buffer.from(ProtoPayload.encode(payload).finish()), PAYLOAD_CONTEXT);
    return {
      metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING), [ENCRYPTION_KEY_ID]: Buffer.from(sealed.keyId) },
      data: Buffer.concat([sealed.iv, sealed.ciphertext, sealed.authTag].map((part) => Buffer.from(part, 'base64'))),
    };
  }

  private decrypt(payload: Payload): Payload {
    if (utf8(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return payload;
    const keyId = utf8(payload.metadata?.[ENCRYPTION_KEY_ID]);
    if (!keyId) throw new EncryptedPayloadError(`an encrypted payload without its ${ENCRYPTION_KEY_ID}: it cannot be decrypted`);
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES) throw new EncryptedPayloadError(`an encrypted payload (key ${keyId}) too short to be one`);
    const sealed = {
      keyId,
      iv: data.subarray(0, IV_BYTES).toString('base64'),
      ciphertext: data.subarray(IV_BYTES, data.length - TAG_BYTES).toString('base64'),
      authTag: data.subarray(data.length - TAG_BYTES).toString('base64'),
    };
    try {
      return ProtoPayload.decode(this.keys.openBytes(sealed, PAYLOAD_CONTEXT));
    } catch (err) {
      if (err instanceof SealedSecretError) throw new EncryptedPayloadError(`a Temporal payload cannot be decrypted: ${err.message}`);
      throw err;
    }
  }
}

/**
 * The data converter of every Temporal client and worker of ours (API, worker, watch poller, replay and capture
 * tools): the default payload converter, then encryption under the key ring. One key ring per deployment: a client
 * and a worker with different keys cannot read each other's payloads.
 */
export function dataConverterFor(keys: KeyRing): DataConverter {
  return { payloadCodecs: [new PayloadEncryptionCodec(keys)] };
}
