import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsEmail, IsNotEmpty, IsString, IsUrl, MaxLength } from 'class-validator';
import { NestedObject, OptionalField } from '../../validation/field.decorators';

export class IsvSupportDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 2048 })
  @OptionalField()
  @IsString()
  @MaxLength(2048)
  @IsUrl()
  supportUrl?: string;

  @ApiPropertyOptional({ maxLength: 254 })
  @OptionalField()
  @IsString()
  @MaxLength(254)
  @IsEmail()
  supportEmail?: string;

  @ApiPropertyOptional({ maxLength: 50 })
  @OptionalField()
  @IsString()
  @MaxLength(50)
  supportPhone?: string;
}

export class MarketplaceDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  productName!: string;

  @ApiProperty({ type: IsvSupportDto })
  @IsDefined()
  @NestedObject(() => IsvSupportDto)
  isv!: IsvSupportDto;
}
