import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsNotEmpty, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import {
  CATEGORIES,
  CHANNELS,
  INCIDENT_TYPES,
  PRODUCTS,
  SEVERITIES,
  type Category,
  type Channel,
  type IncidentType,
  type Product,
  type Severity,
} from '@escalade/domain';
import { NestedObject, OptionalField } from '../../validation/field.decorators';
import { TICKET_ID_PATTERN, TICKET_ID_RULE } from '../../validation/ids';
import { MultiLine } from '../../validation/text';
import { MarketplaceDto } from './marketplace.dto';
import { ContactDto, CustomerDto, PartnerDto } from './parties.dto';

export { TICKET_ID_PATTERN, TICKET_ID_RULE };

export class CreateServiceRequestDto {
  @ApiPropertyOptional({ description: 'Idempotency key and ticket id; generated when absent', example: 'INC-2026-0001' })
  @OptionalField()
  @Matches(TICKET_ID_PATTERN, { message: `requestId ${TICKET_ID_RULE}` })
  requestId?: string;

  @ApiProperty({ example: 'Production VMs unreachable in West Europe', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200) // the tickets column; Partner Center allows 255
  title!: string;

  @ApiProperty({ maxLength: 10_000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10_000)
  @MultiLine()
  description!: string;

  @ApiProperty({ enum: PRODUCTS })
  @IsIn(PRODUCTS)
  product!: Product;

  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category!: Category;

  @ApiProperty({ enum: SEVERITIES, description: 'A critical (2 h), B moderate (4 h), C minimal (8 h)' })
  @IsIn(SEVERITIES)
  severity!: Severity;

  @ApiProperty({ enum: INCIDENT_TYPES })
  @IsIn(INCIDENT_TYPES)
  incidentType!: IncidentType;

  @ApiProperty({ example: 'en', maxLength: 35, description: 'BCP-47; non-English support runs in business hours' })
  @IsString()
  @MaxLength(35)
  @Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, { message: 'language must be a BCP-47 tag such as "en" or "fr-CA"' })
  language!: string;

  @ApiProperty({ enum: CHANNELS, description: 'The program has no phone channel: phone requests are refused' })
  @IsIn(CHANNELS)
  channel!: Channel;

  @ApiProperty({ type: CustomerDto })
  @IsDefined()
  @NestedObject(() => CustomerDto)
  customer!: CustomerDto;

  @ApiProperty({ type: PartnerDto })
  @IsDefined()
  @NestedObject(() => PartnerDto)
  partner!: PartnerDto;

  @ApiProperty({ type: ContactDto })
  @IsDefined()
  @NestedObject(() => ContactDto)
  contact!: ContactDto;

  @ApiPropertyOptional({ example: '32570010', description: "Partner Center's support topic id; defaults to the product's" })
  @OptionalField()
  @Matches(/^\d{1,20}$/, { message: 'supportTopicId must be a numeric Partner Center support topic id' })
  supportTopicId?: string;

  @ApiPropertyOptional({ type: MarketplaceDto, description: 'Required for marketplace products' })
  @ValidateIf((dto: CreateServiceRequestDto) => dto.product === 'marketplace' || dto.marketplace !== undefined)
  @IsDefined({ message: 'marketplace is required when product is "marketplace"' })
  @NestedObject(() => MarketplaceDto)
  marketplace?: MarketplaceDto;
}
