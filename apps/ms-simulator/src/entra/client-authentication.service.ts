import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SIMULATOR_CONFIG, type SimulatorConfig } from '../config/simulator-config';
import type { ClientCertificate } from './client-certificate';
import {
  clientAssertionOutOfTime,
  clientCredentialMissing,
  invalidClientAssertion,
  invalidClientSecret,
  missingParameter,
} from './entra-error';
import { verifyRsa } from './jws';

export const CLIENT_CERTIFICATE = Symbol('CLIENT_CERTIFICATE');

const JWT_BEARER_ASSERTION = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The client credential of a token request, as the form carries it. */
export interface ClientCredential {
  clientId: string;
  clientSecret?: string;
  clientAssertionType?: string;
  clientAssertion?: string;
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** How Entra ID authenticates the confidential client: its secret, or a JWT signed with its certificate's key. */
@Injectable()
export class ClientAuthentication {
  constructor(
    @Inject(SIMULATOR_CONFIG) private readonly config: SimulatorConfig,
    @Inject(CLIENT_CERTIFICATE) private readonly certificate: ClientCertificate | undefined,
  ) {}

  /** Throws Entra's invalid_client error unless the credential is the registered application's. */
  authenticate(credential: ClientCredential, tenantSegment: string): void {
    if (credential.clientAssertion !== undefined) return this.checkAssertion(credential, tenantSegment);
    if (credential.clientSecret === undefined) throw clientCredentialMissing();
    if (!sameSecret(credential.clientSecret, this.config.SIMULATOR_CLIENT_SECRET)) throw invalidClientSecret();
  }

  private checkAssertion({ clientId, clientAssertion = '', clientAssertionType }: ClientCredential, tenantSegment: string): void {
    if (clientAssertionType !== JWT_BEARER_ASSERTION) throw missingParameter('client_assertion_type');
    if (!this.certificate) throw invalidClientAssertion('no certificate is registered on the application');
    const verified = verifyRsa(clientAssertion, this.certificate.publicKey);
    if (!verified) throw invalidClientAssertion('the signature is not made with the registered certificate (RS256 or PS256)');
    const { header, claims } = verified;
    const thumbprints = this.certificate.thumbprints;
    if (thumbprints && header.x5t !== undefined && header.x5t !== thumbprints.x5t) throw invalidClientAssertion('x5t names another certificate');
    if (thumbprints && header['x5t#S256'] !== undefined && header['x5t#S256'] !== thumbprints['x5t#S256']) {
      throw invalidClientAssertion('x5t#S256 names another certificate');
    }
    if (claims.iss !== clientId || claims.sub !== clientId) throw invalidClientAssertion("iss and sub must be the request's client_id");
    // The audience is the token endpoint; a client may reach the simulator under Entra's own host, so only the path counts.
    if (typeof claims.aud !== 'string' || !claims.aud.endsWith(`/${tenantSegment}/oauth2/v2.0/token`)) {
      throw invalidClientAssertion('aud must be the token endpoint');
    }
    const now = Date.now() / 1000;
    if (typeof claims.exp !== 'number' || claims.exp <= now || (typeof claims.nbf === 'number' && claims.nbf > now + 300)) {
      throw clientAssertionOutOfTime();
    }
  }
}
