import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SIMULATOR_CONFIG, type SimulatorConfig } from '../config/simulator-config';
import { PARTNER_CENTER_RESOURCE, SIMULATOR_SIGNED_IN_USER } from '../config/simulator-credentials';
import { type JwtClaims, signHs256, verifyHs256 } from './jws';
import { signingKey } from './signing-key';

const ACCESS_TOKEN_TYPE = 'JWT';

export interface IssuedAccessToken {
  token: string;
  expiresInSeconds: number;
}

/** Why Partner Center refuses a bearer token, or the claims of one it takes. */
export type AccessTokenCheck = { valid: true; claims: JwtClaims } | { valid: false; reason: string };

/**
 * App+User access tokens for Partner Center as Entra ID issues them (v1 claims: `aud` the resource, `appid`, `tid`,
 * the user, `amr` with `mfa`), signed by the simulator, and the checks Partner Center makes on them.
 */
@Injectable()
export class AccessTokens {
  private readonly key: Buffer;

  constructor(@Inject(SIMULATOR_CONFIG) private readonly config: SimulatorConfig) {
    this.key = signingKey(config);
  }

  /** `overrides` lets a test make a token Partner Center must refuse (expired, another audience, no MFA). */
  issue(overrides: JwtClaims = {}): IssuedAccessToken {
    const now = Math.floor(Date.now() / 1000);
    const lifetime = this.config.SIMULATOR_ACCESS_TOKEN_LIFETIME_SECONDS;
    const tenant = this.config.SIMULATOR_TENANT_ID;
    const user = SIMULATOR_SIGNED_IN_USER;
    const claims: JwtClaims = {
      aud: PARTNER_CENTER_RESOURCE,
      iss: `https://sts.windows.net/${tenant}/`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      appid: this.config.SIMULATOR_CLIENT_ID,
      tid: tenant,
      oid: user.objectId,
      upn: user.upn,
      unique_name: user.upn,
      given_name: user.givenName,
      family_name: user.familyName,
      name: `${user.givenName} ${user.familyName}`,
      amr: ['pwd', 'mfa'],
      scp: 'user_impersonation',
      ver: '1.0',
      uti: randomUUID(),
      ...overrides,
    };
    return { token: signHs256(claims, this.key, ACCESS_TOKEN_TYPE), expiresInSeconds: Number(claims.exp) - now };
  }

  check(token: string): AccessTokenCheck {
    const verified = verifyHs256(token, this.key);
    if (!verified || verified.header.typ !== ACCESS_TOKEN_TYPE) return { valid: false, reason: 'the access token is not one Microsoft Entra ID issued' };
    const { claims } = verified;
    const now = Date.now() / 1000;
    if (claims.aud !== PARTNER_CENTER_RESOURCE) return { valid: false, reason: `the access token is for another audience (${String(claims.aud)})` };
    if (claims.tid !== this.config.SIMULATOR_TENANT_ID) return { valid: false, reason: 'the access token is for another tenant' };
    if (typeof claims.exp !== 'number' || claims.exp <= now) return { valid: false, reason: 'the access token has expired' };
    if (typeof claims.nbf === 'number' && claims.nbf > now) return { valid: false, reason: 'the access token is not valid yet' };
    if (!Array.isArray(claims.amr) || !claims.amr.includes('mfa')) {
      return { valid: false, reason: 'App+User tokens must come from a sign-in with multifactor authentication (amr: mfa)' };
    }
    return { valid: true, claims };
  }
}
