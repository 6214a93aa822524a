import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsFQDN, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PARTNER_ROLES, SUPPORT_CONTRACTS, type PartnerRole, type SupportContract } from '@escalade/domain';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const tenantIdRule = (owner: string) => ({ message: `${owner}.tenantId must be a tenant GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)` });

export class CustomerDto {
  @ApiProperty({ format: 'uuid', description: "The customer's Microsoft Entra tenant id" })
  @Matches(GUID, tenantIdRule('customer'))
  tenantId!: string;

  @ApiProperty({ example: 'contoso.onmicrosoft.com' })
  @IsFQDN()
  domain!: string;

  @ApiProperty({ example: 'Contoso Ltd' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ default: false, description: "The partner's own tenant (not covered by the CSP benefit)" })
  @IsOptional()
  @IsBoolean()
  isPartnerOwnTenant?: boolean;
}

export class PartnerDto {
  @ApiProperty({ format: 'uuid', description: "The partner's Microsoft Entra tenant id" })
  @Matches(GUID, tenantIdRule('partner'))
  tenantId!: string;

  @ApiProperty({ example: 'Fabrikam Cloud Services' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: PARTNER_ROLES })
  @IsIn(PARTNER_ROLES)
  role!: PartnerRole;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @IsBoolean()
  hasAdminPrivileges?: boolean;

  @ApiPropertyOptional({ default: false, description: "An indirect reseller's access to the customer's Azure account" })
  @IsOptional()
  @IsBoolean()
  azureAccessGranted?: boolean;

  @ApiPropertyOptional({ enum: SUPPORT_CONTRACTS, default: 'none' })
  @IsOptional()
  @IsIn(SUPPORT_CONTRACTS)
  supportContract?: SupportContract;

  @ApiPropertyOptional({ description: 'MPN contract id, Premier contract or Azure support plan' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  supportPlanEntitlement?: string;
}

export class ContactDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiProperty({ description: "The partner's e-mail: a contact on the customer's domain is refused" })
  @IsEmail()
  email!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  phone?: string;
}
