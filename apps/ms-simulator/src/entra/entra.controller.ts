import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { FaultGuard } from '../faults/fault.guard';
import { OperationName } from '../faults/operations';
import { TokenEndpoint, type TokenResponse } from './token-endpoint.service';

/** Entra ID's issuer: a client library trusts it as Microsoft's whatever host it reached the simulator under. */
const issuer = (tenant: string) => `https://login.microsoftonline.com/${tenant}/v2.0`;

const origin = (req: Request) => `${req.protocol}://${req.get('host')}`;

/**
 * The simulator's Microsoft Entra ID: the v2.0 token endpoint (refresh-token grant, form-encoded) and the two
 * discovery documents a client library may read before it (MSAL reads them for an authority it has no metadata for).
 */
@Controller()
export class EntraController {
  constructor(private readonly tokenEndpoint: TokenEndpoint) {}

  @Post(':tenant/oauth2/v2.0/token')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @UseGuards(FaultGuard)
  @OperationName('token')
  token(@Param('tenant') tenant: string, @Body() form: Record<string, unknown> = {}): TokenResponse {
    return this.tokenEndpoint.redeem(tenant, form);
  }

  @Get(':tenant/v2.0/.well-known/openid-configuration')
  openIdConfiguration(@Param('tenant') tenant: string, @Req() req: Request) {
    const base = `${origin(req)}/${tenant}`;
    return {
      issuer: issuer(tenant),
      token_endpoint: `${base}/oauth2/v2.0/token`,
      authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
      jwks_uri: `${base}/discovery/v2.0/keys`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt'],
      grant_types_supported: ['refresh_token'],
    };
  }

  /** Instance discovery: the host asked about (from `authorization_endpoint`) is its own preferred network. */
  @Get('common/discovery/instance')
  instanceDiscovery(@Query('authorization_endpoint') authorizationEndpoint: string | undefined, @Req() req: Request) {
    const endpoint = new URL(authorizationEndpoint ?? `${origin(req)}/common/oauth2/v2.0/authorize`);
    const tenant = endpoint.pathname.split('/')[1] ?? 'common';
    return {
      tenant_discovery_endpoint: `${endpoint.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: endpoint.host, preferred_cache: endpoint.host, aliases: [endpoint.host] }],
    };
  }
}
