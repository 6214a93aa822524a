import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { apiKeyIdPipe } from '../../validation/id.pipe';
import { CurrentPrincipal, RequiresRole } from '../auth.decorators';
import type { Principal } from '../principal';
import { ApiKeysService } from './api-keys.service';
import { CreateApiKeyDto } from './create-api-key.dto';

@ApiTags('api-keys')
@ApiForbiddenResponse({ description: 'Not an admin' })
@RequiresRole('admin')
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key for a machine client; the key is in this answer only (stored as a hash)' })
  @ApiCreatedResponse({ description: '`key` is shown this once' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateApiKeyDto) {
    return this.apiKeys.create(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: 'The API keys for your partner tenants, newest first, revoked ones included; never a key or hash' })
  list(@CurrentPrincipal() principal: Principal) {
    return this.apiKeys.list(principal);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke an API key: refused from the next request on' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  revoke(@CurrentPrincipal() principal: Principal, @Param('id', apiKeyIdPipe) id: string) {
    return this.apiKeys.revoke(principal, id);
  }
}
