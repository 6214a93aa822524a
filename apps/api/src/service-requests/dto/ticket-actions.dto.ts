import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class MicrosoftResponseDto {
  @ApiPropertyOptional({ description: "A note about Microsoft's initial response" })
  @IsOptional()
  @IsString()
  @MaxLength(5_000)
  note?: string;

  @ApiPropertyOptional({ description: 'Who recorded the response' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  respondedBy?: string;
}

export class AzureAccessGrantedDto {
  @ApiPropertyOptional({ description: 'Who granted the access at the indirect provider' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  grantedBy?: string;
}

export class CloseServiceRequestDto {
  @ApiProperty({ example: 'Microsoft restored the service' })
  @IsString()
  @Matches(/\S/, { message: 'resolution must not be blank' })
  @MaxLength(5_000)
  resolution!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  closedBy?: string;
}
