import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsFQDN, IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { PARTNER_ROLES, SUPPORT_CONTRACTS, type PartnerRole, type SupportContract } from '@escalade/domain';
import { OptionalField } from '../../validation/field.decorators';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tenantIdRule = (owner: string) => ({ message: `${owner}.tenantId must be a tenant GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)` });

export class CustomerDto {
  @ApiProperty({ format: 'uuid', description: "The customer's Microsoft Entra tenant id" })
  @Matches(GUID, tenantIdRule('customer'))
  tenantId!: string;

  // A DNS name: also a Temporal search attribute (CustomerDomain) and the tickets.customer_domain column (253).
  @ApiProperty({ example: 'contoso.onmicrosoft.com', maxLength: 253 })
  @IsString()
  @MaxLength(253)
  @IsFQDN()
  domain!: string;

  @ApiProperty({ example: 'Contoso Ltd', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ default: false, description: "The partner's own tenant (not covered by the CSP benefit)" })
  @OptionalField()
  @IsBoolean()
  isPartnerOwnTenant?: boolean;
}

export class PartnerDto {
  @ApiProperty({ format: 'uuid', description: "The partner's Microsoft Entra tenant id" })
  @Matches(GUID, tenantIdRule('partner'))
  tenantId!: string;

  @ApiProperty({ example: 'Fabrikam Cloud Services', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: PARTNER_ROLES })
  @IsIn(PARTNER_ROLES)
  role!: PartnerRole;

  @ApiPropertyOptional({ default: false })
  @OptionalField()
  @IsBoolean()
  hasAdminPrivileges?: boolean;

  @ApiPropertyOptional({ default: false, description: "An indirect reseller's access to the customer's Azure account" })
  @OptionalField()
  @IsBoolean()
  azureAccessGranted?: boolean;

  @ApiPropertyOptional({ enum: SUPPORT_CONTRACTS, default: 'none' })
  @OptionalField()
  @IsIn(SUPPORT_CONTRACTS)
  supportContract?: SupportContract;

  @ApiPropertyOptional({ maxLength: 100, description: 'MPN contract id, Premier contract or Azure support plan' })
  @OptionalField()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  supportPlanEntitlement?: string;
}

export class ContactDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ maxLength: 254, description: "The partner's e-mail: a contact on the customer's domain is refused" })
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @OptionalField()
  @IsString()
  @MaxLength(50)
  phone?: string;
}
