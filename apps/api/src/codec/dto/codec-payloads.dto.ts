import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, ValidateBy } from 'class-validator';

/** A Temporal payload in protobuf's JSON form, as the codec server protocol carries it: bytes in base64. */
export interface JsonPayload {
  metadata?: Record<string, string>;
  data?: string;
}

/** An event's payloads, and every event of a page when the Web UI decodes a history: far fewer in practice. */
const MAX_PAYLOADS = 1_000;
const MAX_METADATA_ENTRIES = 64;
/** Standard base64, or the URL-safe alphabet protobuf's JSON also allows; padded or not. */
const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;

const isBase64 = (value: unknown) => typeof value === 'string' && BASE64.test(value);

function isJsonPayload(value: unknown): value is JsonPayload {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { metadata, data, ...others } = value as Record<string, unknown>;
  if (Object.keys(others).length > 0) return false;
  if (data !== undefined && !isBase64(data)) return false;
  if (metadata === undefined) return true;
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return false;
  const entries = Object.values(metadata);
  return entries.length <= MAX_METADATA_ENTRIES && entries.every(isBase64);
}

class JsonPayloadSchema {
  @ApiProperty({ required: false, type: Object, additionalProperties: { type: 'string', format: 'byte' }, example: { encoding: 'YmluYXJ5L2VuY3J5cHRlZA==' } })
  metadata?: Record<string, string>;

  @ApiProperty({ required: false, type: 'string', format: 'byte' })
  data?: string;
}

/** The body of `POST /codec/encode` and `/codec/decode`, and their answer: Temporal's `Payloads` in protobuf JSON. */
export class CodecPayloadsDto {
  @ApiProperty({ type: [JsonPayloadSchema], maxItems: MAX_PAYLOADS })
  @IsArray()
  @ArrayMaxSize(MAX_PAYLOADS)
  @ValidateBy(
    { name: 'jsonPayload', validator: { validate: isJsonPayload } },
    { each: true, message: 'each value in payloads must be a Temporal payload: { "metadata"?: { name: base64 }, "data"?: base64 }, nothing else' },
  )
  payloads!: JsonPayload[];
}
