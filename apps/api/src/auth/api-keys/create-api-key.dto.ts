import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { ROLES, type Role } from '../principal';

export const EVERY_PARTNER = '*';
const TENANT_OR_EVERY = /^(\*|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

export class CreateApiKeyDto {
  @ApiProperty({ example: 'ServiceNow bridge', maxLength: 100 })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(100)
  name!: string;

  @ApiProperty({
    example: ['22222222-2222-2222-2222-222222222222'],
    description: 'The partner tenants the key acts for (among your own); ["*"] for every one (only by a principal bound to every one)',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(TENANT_OR_EVERY, { each: true, message: 'each of partnerTenantIds must be a tenant id (a GUID) or "*"' })
  partnerTenantIds!: string[];

  @ApiProperty({ enum: ROLES, isArray: true, example: ['coordinator'], description: 'Each role includes the ones before it: the highest counts' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(3)
  @IsIn(ROLES, { each: true, message: `each of roles must be one of ${ROLES.join(', ')}` })
  roles!: Role[];
}
