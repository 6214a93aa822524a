import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class StartSessionDto {
  @ApiProperty({ description: 'An API key (the local admin key of the sign-in link) or an Entra ID access token' })
  @IsString()
  @MinLength(1)
  @MaxLength(16_000)
  credential!: string;
}
