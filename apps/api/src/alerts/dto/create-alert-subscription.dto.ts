import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsString,
  IsUrl,
  Length,
  Matches,
  MaxLength,
  Min,
} from 'class-validator';
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
import { NestedObject, OptionalField } from '../../validation/field.decorators';
import { TENANT_ID_PATTERN, TENANT_ID_RULE } from '../../validation/ids';
import { CalendarDto } from './calendar.dto';
import { TransportField } from './transport-field.decorator';

const MAX_FILTER_VALUES = 100;
/** Each channel's format, as its adapter describes it: a new channel needs nothing here. */
const FORMATS_DESCRIBED = ALERT_CHANNELS.map(({ format, description }) => `\`${format}\`: ${description}`).join('; ');

const NOT_SIGNED = 'is not for format email: e-mails are not signed';

export class CreateAlertSubscriptionDto {
  @ApiPropertyOptional({
    example: 'https://hooks.example.com/escalade',
    maxLength: 2_000,
    description: 'Every format but `email` (required for them): receives one signed POST per alert',
  })
  @TransportField('webhook', 'is not for format email: an e-mail subscription names `email` instead')
  @IsString()
  @MaxLength(2_000) // the alert_subscriptions.url column
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http:// or https:// URL' },
  )
  url?: string;

  @ApiPropertyOptional({
    example: 'duty.manager@contoso.com',
    maxLength: 254,
    description:
      'Format `email` only (required for it), instead of `url`: the address every alert is e-mailed to, through the SMTP ' +
      'server of SMTP_URL; shown redacted after creation (`d***@contoso.com`)',
  })
  @TransportField('email', 'is only for format email: the other formats name `url`')
  @IsString()
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an e-mail address' })
  email?: string;

  @ApiPropertyOptional({
    minLength: 16,
    maxLength: 200,
    writeOnly: true,
    description: 'Every format but `email` (required for them): signs every delivery (X-Escalade-Signature); never shown again',
  })
  @TransportField('webhook', NOT_SIGNED)
  @IsString()
  @Length(16, 200)
  secret?: string;

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

  @ApiPropertyOptional({
    type: [Number],
    minimum: 1,
    maxItems: MAX_FILTER_VALUES,
    example: [2],
    description:
      'Only the alerts of these escalation ladder levels (the default ladder: 1 coordinators, 2 duty manager, 3 Microsoft ' +
      'account contact), i.e. escalations (`escalation`, `update-escalation`); an alert without a level (a breach, a ' +
      'closure …) is not taken. Empty or absent: every alert, at any level or none',
  })
  @OptionalField()
  @IsArray()
  @ArrayMaxSize(MAX_FILTER_VALUES)
  @IsInt({ each: true, message: 'each value in levels must be a whole number' })
  @Min(1, { each: true, message: 'each value in levels must be at least 1' })
  levels?: number[];

  @ApiPropertyOptional({ enum: ALERT_FORMATS, default: DEFAULT_ALERT_FORMAT, description: FORMATS_DESCRIBED })
  @OptionalField()
  @IsIn(ALERT_FORMATS)
  format?: AlertFormat;

  @ApiPropertyOptional({
    type: CalendarDto,
    description:
      "The recipient's hours (quiet hours outside them): alerts below severity A raised outside them are held (status " +
      '`held`, `heldUntil`) and delivered at the next opening; severity A always goes at once. Absent: every alert at once.',
  })
  @OptionalField()
  @NestedObject(() => CalendarDto)
  calendar?: CalendarDto;

  @ApiPropertyOptional({
    enum: SIGNATURE_SCHEMES,
    default: 'escalade-v1',
    description:
      'How deliveries are signed: `escalade-v1`, our `v1=` HMAC (X-Escalade-Signature, X-Escalade-Timestamp); ' +
      '`standard-webhooks`, the Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature), which its libraries verify',
  })
  @OptionalField()
  @TransportField('webhook', NOT_SIGNED)
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
