import { Inject, Injectable } from '@nestjs/common';
import { SIMULATOR_CONFIG, type SimulatorConfig } from '../config/simulator-config';
import { PARTNER_CENTER_RESOURCE, SIMULATOR_SIGNED_IN_USER } from '../config/simulator-credentials';
import { AccessTokens } from './access-tokens.service';
import { ClientAuthentication } from './client-authentication.service';
import { invalidScope, missingParameter, notConsented, tenantNotFound, unknownApplication, unsupportedGrantType } from './entra-error';
import { signHs256 } from './jws';
import { RefreshTokens } from './refresh-tokens.service';
import { signingKey } from './signing-key';

/** The token endpoint's success body, as Entra ID answers a refresh-token grant. */
export interface TokenResponse {
  token_type: 'Bearer';
  scope: string;
  expires_in: number;
  ext_expires_in: number;
  access_token: string;
  refresh_token: string;
  id_token?: string;
  client_info?: string;
}

const OIDC_SCOPES = new Set(['openid', 'profile', 'offline_access', 'email']);
const TENANT_ALIASES = new Set(['common', 'organizations']);

/** A non-empty form field, or undefined. */
const field = (form: Record<string, unknown>, name: string): string | undefined => {
  const value = form[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

const required = (form: Record<string, unknown>, name: string): string => {
  const value = field(form, name);
  if (value === undefined) throw missingParameter(name);
  return value;
};

/** `POST /{tenant}/oauth2/v2.0/token` with grant_type=refresh_token: the Secure Application Model's renewal. */
@Injectable()
export class TokenEndpoint {
  private readonly key: Buffer;

  constructor(
    @Inject(SIMULATOR_CONFIG) private readonly config: SimulatorConfig,
    private readonly clients: ClientAuthentication,
    private readonly refreshTokens: RefreshTokens,
    private readonly accessTokens: AccessTokens,
  ) {
    this.key = signingKey(config);
  }

  /** The answer to a token request, or Entra's error for it (thrown). */
  redeem(tenantSegment: string, form: Record<string, unknown>): TokenResponse {
    if (tenantSegment !== this.config.SIMULATOR_TENANT_ID && !TENANT_ALIASES.has(tenantSegment)) throw tenantNotFound(tenantSegment);
    const grantType = required(form, 'grant_type');
    if (grantType !== 'refresh_token') throw unsupportedGrantType(grantType);
    const clientId = required(form, 'client_id');
    if (clientId !== this.config.SIMULATOR_CLIENT_ID) throw unknownApplication(clientId, tenantSegment);
    this.clients.authenticate(
      {
        clientId,
        clientSecret: field(form, 'client_secret'),
        clientAssertionType: field(form, 'client_assertion_type'),
        clientAssertion: field(form, 'client_assertion'),
      },
      tenantSegment,
    );
    const refreshToken = required(form, 'refresh_token');
    const scopes = required(form, 'scope').split(' ').filter(Boolean);
    this.checkScopes(scopes);

    const nextRefreshToken = this.refreshTokens.redeem(refreshToken, clientId);
    const { token, expiresInSeconds } = this.accessTokens.issue();
    return {
      token_type: 'Bearer',
      scope: `${PARTNER_CENTER_RESOURCE}/user_impersonation`,
      expires_in: expiresInSeconds,
      ext_expires_in: expiresInSeconds,
      access_token: token,
      refresh_token: nextRefreshToken,
      ...(scopes.includes('openid') ? { id_token: this.idToken(clientId) } : {}),
      ...(field(form, 'client_info') === '1' ? { client_info: this.clientInfo() } : {}),
    };
  }

  /** Consent covered Partner Center only: another resource needs a new consent, no resource is not a valid request. */
  private checkScopes(scopes: string[]): void {
    const resourceScopes = scopes.filter((scope) => !OIDC_SCOPES.has(scope));
    const foreign = resourceScopes.find((scope) => !scope.startsWith(`${PARTNER_CENTER_RESOURCE}/`));
    if (foreign) throw notConsented(foreign);
    if (resourceScopes.length === 0) throw invalidScope(scopes.join(' '));
  }

  private idToken(clientId: string): string {
    const now = Math.floor(Date.now() / 1000);
    const tenant = this.config.SIMULATOR_TENANT_ID;
    const user = SIMULATOR_SIGNED_IN_USER;
    const claims = {
      aud: clientId,
      iss: `https://login.microsoftonline.com/${tenant}/v2.0`,
      iat: now,
      nbf: now,
      exp: now + 3600,
      oid: user.objectId,
      sub: user.objectId,
      tid: tenant,
      preferred_username: user.upn,
      name: `${user.givenName} ${user.familyName}`,
      ver: '2.0',
    };
    return signHs256(claims, this.key, 'JWT');
  }

  /** MSAL asks for it (client_info=1) to key its cache on the user and tenant. */
  private clientInfo(): string {
    return Buffer.from(JSON.stringify({ uid: SIMULATOR_SIGNED_IN_USER.objectId, utid: this.config.SIMULATOR_TENANT_ID })).toString('base64url');
  }
}
