import { Body, Controller, Get, HttpCode, Put } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReplaceRefreshTokenDto } from './dto/replace-refresh-token.dto';
import { PartnerCenterCredentialsService, type CredentialsView, type StoredRefreshTokenReceipt } from './partner-center-credentials.service';
import { ForEveryPartner, RequiresRole } from '../auth/auth.decorators';

// Issue 14 puts an admin-only guard on this controller: a refresh token files tickets as a Partner Center user.
@ApiTags('partner-center')
@RequiresRole('admin')
@ForEveryPartner()
@Controller('partner-center/credentials')
export class PartnerCenterCredentialsController {
  constructor(private readonly credentials: PartnerCenterCredentialsService) {}

  @Get()
  @ApiOperation({ summary: "The worker's Partner Center credentials: `state` (ok, failing, unknown, not-used), `since`, `reason`, `updatedAt`; never a token" })
  @ApiOkResponse({ schema: { example: { state: 'failing', since: '2026-11-27T10:00:00.000Z', reason: 'Entra ID refused …', updatedAt: '2026-11-27T10:00:00.120Z' } } })
  status(): Promise<CredentialsView> {
    return this.credentials.status();
  }

  @Put()
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Store the refresh token of a new consent, encrypted; the worker takes it at its next renewal, without a restart, and the blocked tickets file by themselves',
  })
  @ApiAcceptedResponse({ schema: { example: { status: 'stored', storedAt: '2026-11-27T10:30:00.000Z' } } })
  @ApiBadRequestResponse({ description: '`refreshToken` missing, empty, too long, or with spaces or control characters' })
  @ApiConflictResponse({ description: 'Tickets are filed without app credentials (in-process, or a static development token)' })
  replace(@Body() { refreshToken }: ReplaceRefreshTokenDto): Promise<StoredRefreshTokenReceipt> {
    return this.credentials.replaceRefreshToken(refreshToken);
  }
}
