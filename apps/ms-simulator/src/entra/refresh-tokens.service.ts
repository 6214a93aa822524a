import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SIMULATOR_CONFIG, type SimulatorConfig } from '../config/simulator-config';
import { grantExpired, grantForAnotherClient, grantRevoked, malformedGrant } from './entra-error';
import { signHs256, verifyHs256 } from './jws';
import { signingKey } from './signing-key';

const REFRESH_TOKEN_TYPE = 'rt+jwt';
/** Entra ID's refresh tokens for confidential clients stay valid 90 days from their last use. */
const REFRESH_TOKEN_LIFETIME_SECONDS = 90 * 24 * 3600;

interface Grant {
  id: string;
  clientId: string;
}

/**
 * The refresh tokens of the partner's consent. Rotation on: each redemption answers a new token and the redeemed one
 * works only for SIMULATOR_REFRESH_TOKEN_GRACE_SECONDS more, so a client that does not store the new one fails.
 * Issued tokens are signed, so they outlive a restart; which ones were redeemed is remembered in memory only.
 */
@Injectable()
export class RefreshTokens {
  private readonly key: Buffer;
  private readonly redeemedAt = new Map<string, number>();

  constructor(@Inject(SIMULATOR_CONFIG) private readonly config: SimulatorConfig) {
    this.key = signingKey(config);
  }

  /** The refresh token to answer with; throws Entra's invalid_grant for a token that cannot be redeemed. */
  redeem(refreshToken: string, clientId: string): string {
    const grant = this.grantOf(refreshToken);
    if (grant.clientId !== clientId) throw grantForAnotherClient();
    if (!this.config.SIMULATOR_REFRESH_TOKEN_ROTATION) return refreshToken;
    const now = Date.now();
    const firstRedeemed = this.redeemedAt.get(grant.id);
    if (firstRedeemed === undefined) this.redeemedAt.set(grant.id, now);
    else if (now - firstRedeemed > this.config.SIMULATOR_REFRESH_TOKEN_GRACE_SECONDS * 1000) throw grantRevoked();
    return this.issue(clientId);
  }

  private issue(clientId: string): string {
    const now = Math.floor(Date.now() / 1000);
    const claims = { jti: randomUUID(), cid: clientId, tid: this.config.SIMULATOR_TENANT_ID, iat: now, exp: now + REFRESH_TOKEN_LIFETIME_SECONDS };
    return signHs256(claims, this.key, REFRESH_TOKEN_TYPE);
  }

  private grantOf(refreshToken: string): Grant {
    if (this.config.SIMULATOR_REFRESH_TOKENS.includes(refreshToken)) return { id: refreshToken, clientId: this.config.SIMULATOR_CLIENT_ID };
    const verified = verifyHs256(refreshToken, this.key);
    if (!verified || verified.header.typ !== REFRESH_TOKEN_TYPE) throw malformedGrant();
    const { jti, cid, exp } = verified.claims;
    if (typeof exp !== 'number' || exp <= Date.now() / 1000) throw grantExpired();
    return { id: String(jti), clientId: String(cid) };
  }
}
