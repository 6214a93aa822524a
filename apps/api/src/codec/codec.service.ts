import { Inject, Injectable } from '@nestjs/common';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { EncryptedPayloadError } from '@escalade/secrets';
import { TEMPORAL_DATA_CONVERTER } from '../temporal/temporal.module';
import { invalidRequest } from '../validation/validation-exception.factory';
import type { JsonPayload } from './dto/codec-payloads.dto';

const fromJson = ({ metadata, data }: JsonPayload): Payload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([name, value]) => [name, Buffer.from(value, 'base64')])),
  data: Buffer.from(data ?? '', 'base64'),
});

const toJson = ({ metadata, data }: Payload): JsonPayload => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([name, value]) => [name, Buffer.from(value).toString('base64')])),
  data: Buffer.from(data ?? []).toString('base64'),
});

/**
 * Temporal's codec server: the payload codecs of our Temporal client, applied for the Web UI and the CLI (encode in
 * their order, decode in reverse, as the SDK does), so what they show is what our workers read.
 */
@Injectable()
export class CodecService {
  private readonly codecs: readonly PayloadCodec[];

  constructor(@Inject(TEMPORAL_DATA_CONVERTER) dataConverter: DataConverter) {
    this.codecs = dataConverter.payloadCodecs ?? [];
  }

  encode(payloads: JsonPayload[]): Promise<JsonPayload[]> {
    return this.apply(payloads, this.codecs, (codec, each) => codec.encode(each));
  }

  /** A payload that cannot be decrypted (unknown key, altered) is a 400 naming it by its index and key id. */
  decode(payloads: JsonPayload[]): Promise<JsonPayload[]> {
    return this.apply(payloads, [...this.codecs].reverse(), (codec, each) => codec.decode(each));
  }

  private async apply(
    payloads: JsonPayload[],
    codecs: readonly PayloadCodec[],
    step: (codec: PayloadCodec, each: Payload[]) => Promise<Payload[]>,
  ): Promise<JsonPayload[]> {
    const problems: Array<{ field: string; problems: string[] }> = [];
    const results = await Promise.all(
      payloads.map(async (payload, index) => {
        try {
          let current = [fromJson(payload)];
          for (const codec of codecs) current = await step(codec, current);
          return toJson(current[0]);
        } catch (err) {
          if (!(err instanceof EncryptedPayloadError)) throw err;
          problems.push({ field: `payloads.${index}`, problems: [err.message] });
          return undefined;
        }
      }),
    );
    if (problems.length > 0) throw invalidRequest(problems.sort((a, b) => a.field.localeCompare(b.field, 'en', { numeric: true })));
    return results as JsonPayload[];
  }
}
