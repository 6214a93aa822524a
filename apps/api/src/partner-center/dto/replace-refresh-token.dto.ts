import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** Entra ID's refresh tokens are opaque, about 1–2 kB: a few times that, and no room for anything else. */
const MAX_REFRESH_TOKEN_LENGTH = 8_192;

export class ReplaceRefreshTokenDto {
  @ApiProperty({
    writeOnly: true,
    minLength: 1,
    maxLength: MAX_REFRESH_TOKEN_LENGTH,
    description: 'The refresh token of a new consent (docs/partner-center-credentials.md, step 2); stored encrypted, never shown again',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_REFRESH_TOKEN_LENGTH)
  @Matches(/^\S*$/, { message: 'refreshToken must not contain spaces' })
  refreshToken!: string;
}
