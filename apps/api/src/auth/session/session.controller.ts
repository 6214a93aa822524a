import { Body, Controller, Delete, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { CookieOptions, Response } from 'express';
import type { AppConfig } from '@escalade/config';
import type { SignedIn, SignInConfig } from '@escalade/contract';
import { CurrentPrincipal, Public } from '../auth.decorators';
import { Authenticator } from '../authenticator';
import { SESSION_COOKIE } from '../credential';
import type { Principal } from '../principal';
import { StartSessionDto } from './session.dto';

/** How long a console session on an API key lasts; one on an Entra token ends with the token. */
const API_KEY_SESSION_MS = 12 * 60 * 60 * 1000;

/**
 * The console's sign-in. Its credential goes into an http-only, SameSite=Strict cookie: EventSource cannot send an
 * Authorization header but sends cookies (so both live streams keep the browser's reconnection and Last-Event-ID),
 * page scripts cannot read it, and no other site can make the browser send it.
 */
@ApiTags('auth')
@Controller('auth')
export class SessionController {
  private readonly secure: boolean;

  constructor(
    private readonly authenticator: Authenticator,
    private readonly config: ConfigService<AppConfig, true>,
  ) {
    this.secure = config.get('NODE_ENV', { infer: true }) === 'production';
  }

  @Public()
  @Get('config')
  @ApiOperation({ summary: 'How to sign in: `local` (the sign-in link `npm start` prints) or `entra` (authorization code + PKCE)' })
  signInConfig(): SignInConfig {
    if (this.authenticator.mode === 'local') return { mode: 'local' };
    const clientId = this.config.get('ENTRA_CLIENT_ID', { infer: true }) as string;
    const audience = this.config.get('ENTRA_AUDIENCE', { infer: true }) ?? `api://${clientId}`;
    const tenants = this.config.get('ENTRA_ALLOWED_TENANTS', { infer: true }) ?? [];
    return {
      mode: 'entra',
      entra: {
        clientId,
        authority: this.config.get('ENTRA_AUTHORITY_URL', { infer: true }).replace(/\/+$/, ''),
        // One allowed tenant signs in at its own authority; several sign in through `organizations` and are checked here.
        tenant: tenants.length === 1 ? tenants[0] : 'organizations',
        scope: this.config.get('ENTRA_SCOPE', { infer: true }) ?? `${audience}/access_as_user`,
      },
    };
  }

  @Public()
  @Post('session')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign the browser in: the credential is checked, then kept in an http-only session cookie' })
  @ApiOkResponse({ description: 'Who is signed in' })
  @ApiUnauthorizedResponse({ description: 'The credential is not valid' })
  async start(@Body() { credential }: StartSessionDto, @Res({ passthrough: true }) res: Response): Promise<SignedIn> {
    const principal = await this.authenticator.authenticate(credential);
    res.cookie(SESSION_COOKIE, credential, { ...this.cookieOptions(), maxAge: sessionLength(credential) });
    return whoIs(principal);
  }

  @Public()
  @Delete('session')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: the session cookie is cleared' })
  @ApiNoContentResponse()
  end(@Res({ passthrough: true }) res: Response): void {
    res.clearCookie(SESSION_COOKIE, this.cookieOptions());
  }

  @Get('me')
    @ApiOperation({ summary: 'Who the credential is: name, role and the partner tenants it acts for' })
  me(@CurrentPrincipal() principal: Principal): SignedIn {
    return whoIs(principal);
  }

  private cookieOptions(): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', secure: this.secure, path: '/' };
  }
}

function whoIs({ kind, name, objectId, tenantId, role, partners }: Principal): SignedIn {
  return { kind, name, objectId, ...(tenantId ? { tenantId } : {}), role, partnerTenantIds: partners.all ? ['*'] : [...partners.tenantIds] };
}

/** An Entra token's session ends when the token does. */
function sessionLength(credential: string): number {
  const [, payload] = credential.split('.');
  if (!payload) return API_KEY_SESSION_MS;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: number };
    return typeof exp === 'number' ? Math.max(0, exp * 1000 - Date.now()) : API_KEY_SESSION_MS;
  } catch {
    return API_KEY_SESSION_MS;
  }
}
