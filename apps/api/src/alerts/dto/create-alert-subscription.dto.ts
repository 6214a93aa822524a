import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsNotEmpty, IsString, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import {
  ALERT_CHANNELS,
  ALERT_FORMATS,
  ALERT_KINDS,
  DEFAULT_ALERT_FORMAT,
  SIGNATURE_SCHEMES,
  type AlertFormat,
  type AlertKind,
  type SignatureScheme,
} from '@escalade/alerting';
import { PRODUCTS, SEVERITIES, type Product, type Severity } from '@escalade/domain';
import { OptionalField } from '../../validation/field.decorators';
import { TENANT_ID_PATTERN, TENANT_ID_RULE } from '../../validation/ids';

const MAX_FILTER_VALUES = 100;
/** Each channel's format, as its adapter describes it: a new channel needs nothing here. */
const FORMATS_DESCRIBED = ALERT_CHANNELS.map(({ format, description }) => `\`${format}\`: ${description}`).join('; ');

export class CreateAlertSubscriptionDto {
  @ApiProperty({ example: 'https://hooks.example.com/escalade', maxLength: 2_000, description: 'Receives one signed POST per alert' })
  @IsString()
  @MaxLength(2_000) // the alert_subscriptions.url column
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http:// or https:// URL' },
  )
  url!: string;

  @ApiProperty({
    minLength: 16,
    maxLength: 200,
    writeOnly: true,
    description: 'Signs every delivery (X-Escalade-Signature); never shown again',
  })
  @IsString()
  @Length(16, 200)
  secret!: string;

  @ApiPropertyOptional({ enum: SEVERITIES, isArray: true, description: 'Only these severities; empty or absent: all' })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(SEVERITIES, { each: true })
  severities?: Severity[];

  @ApiPropertyOptional({ enum: PRODUCTS, isArray: true, description: 'Only these products; empty or absent: all' })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(PRODUCTS, { each: true })
  products?: Product[];

  @ApiPropertyOptional({ type: [String], maxItems: MAX_FILTER_VALUES, description: 'Only these customers, by name or domain; empty or absent: all' })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(253, { each: true })
  customers?: string[];

  @ApiPropertyOptional({ enum: ALERT_KINDS, isArray: true, description: 'Only these kinds of alert; empty or absent: all' })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsIn(ALERT_KINDS, { each: true })
  kinds?: AlertKind[];

  @ApiPropertyOptional({ enum: ALERT_FORMATS, default: DEFAULT_ALERT_FORMAT, description: FORMATS_DESCRIBED })
  @OptionalField()
  @IsIn(ALERT_FORMATS)
  format?: AlertFormat;

  @ApiPropertyOptional({
    enum: SIGNATURE_SCHEMES,
    default: 'escalade-v1',
    description:
      'How deliveries are signed: `escalade-v1`, our `v1=` HMAC (X-Escalade-Signature, X-Escalade-Timestamp); ' +
      '`standard-webhooks`, the Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature), which its libraries verify',
  })
  @OptionalField()
  @IsIn(SIGNATURE_SCHEMES)
  signatureScheme?: SignatureScheme;

  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    minItems: 1,
    maxItems: MAX_FILTER_VALUES,
    example: ['8f2c1e0a-3b4d-4e5f-9a6b-7c8d9e0f1a2b'],
    description:
      'Only alerts of tickets these partner tenants filed; each must be one you act for. Absent: every partner tenant you ' +
      'act for (`"*"`, every partner tenant, present and future, when you act for all of them). Only principals acting ' +
      'for all of them see the subscription.',
  })
  @OptionalField()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsString({ each: true })
  @Matches(TENANT_ID_PATTERN, { each: true, message: `each value in partnerTenantIds ${TENANT_ID_RULE}` })
  partnerTenantIds?: string[];
}
