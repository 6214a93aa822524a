import { createHash } from 'node:crypto';
import { ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { ConfigService } from '@nestjs/config';
import { ConfigError, identityConfigured, identityProblems, type AppConfig } from '@escalade/config';
import { ApiKeyStore, API_KEY_PATTERN, type ApiKey } from '@escalade/persistence';
import { DependencyUnavailableException } from '../errors/dependency-unavailable';
import { OutageMemory } from '../errors/outage-memory';
import { credentialOf } from './credential';
import { EntraTokenVerifier, IdentityProviderUnavailableError, InvalidTokenError, type EntraIdentity } from './entra/entra-token.verifier';
import { ENTRA_APP_ROLES, highestRole, type Principal, type Role } from './principal';

/** `local`: no identity configured, API keys only (the local admin key signs the console in); `entra`: Entra ID too. */
export type AuthMode = 'local' | 'entra';

/**
 * A 401 that says why, in the body and in `WWW-Authenticate` (RFC 6750: `error="invalid_token"` only when a credential
 * was sent; the exception filter sets the header).
 */
export class InvalidCredentialException extends UnauthorizedException {
  readonly wwwAuthenticate: string;

  constructor(
    readonly reason: string,
    { sent = true }: { sent?: boolean } = {},
  ) {
    super({ statusCode: 401, error: 'Unauthorized', message: reason });
    const description = reason.replace(/["\\]/g, "'");
    this.wwwAuthenticate = sent ? `Bearer realm="escalade", error="invalid_token", error_description="${description}"` : 'Bearer realm="escalade"';
  }
}

/** Turns a credential (an API key or an Entra ID access token) into the principal it proves. */
@Injectable()
export class Authenticator {
  readonly mode: AuthMode;
  private readonly entra?: EntraTokenVerifier;
  private readonly tenantPartners: Readonly<Record<string, string[]>>;
  /** Keys seen valid, by their hash: a database outage does not sign everyone out (a revoked key is forgotten at once). */
  private readonly knownKeys = new OutageMemory<ApiKey>();

  constructor(
    config: ConfigService<AppConfig, true>,
    private readonly apiKeys: ApiKeyStore,
  ) {
    const clientId = config.get('ENTRA_CLIENT_ID', { infer: true });
    const allowedTenants = config.get('ENTRA_ALLOWED_TENANTS', { infer: true });
    this.tenantPartners = config.get('ENTRA_TENANT_PARTNERS', { infer: true }) ?? {};
    const problems = identityProblems({ NODE_ENV: config.get('NODE_ENV', { infer: true }), ENTRA_CLIENT_ID: clientId, ENTRA_ALLOWED_TENANTS: allowedTenants });
    if (problems.length > 0) throw new ConfigError(problems);
    this.mode = identityConfigured({ ENTRA_CLIENT_ID: clientId, ENTRA_ALLOWED_TENANTS: allowedTenants }) ? 'entra' : 'local';
    if (this.mode === 'entra' && clientId && allowedTenants) {
      const audience = config.get('ENTRA_AUDIENCE', { infer: true }) ?? `api://${clientId}`;
      this.entra = new EntraTokenVerifier({
        authority: config.get('ENTRA_AUTHORITY_URL', { infer: true }).replace(/\/+$/, ''),
        audiences: [...new Set([audience, clientId])],
        allowedTenants,
      });
    }
  }

  async authenticate(credential: string | undefined): Promise<Principal> {
    if (credential === undefined) {
      throw new InvalidCredentialException('Sign in: send an API key (Authorization: Bearer <key> or X-API-Key) or an Entra ID access token', {
        sent: false,
      });
    }
    if (credential === '') throw new InvalidCredentialException('The Authorization header must be "Bearer <credential>"');
    if (API_KEY_PATTERN.test(credential)) return this.withApiKey(credential);
    if (!this.entra) throw new InvalidCredentialException('Not an API key, and Entra ID sign-in is not configured (local mode): use an API key');
    return this.withEntraToken(this.entra, credential);
  }

  /** Checks the request's credential again, later: a live stream's, which must end once it no longer holds. */
  recheckOf(request: Request): () => Promise<Principal> {
    const credential = credentialOf(request);
    return () => this.authenticate(credential);
  }

  private async withApiKey(key: string): Promise<Principal> {
    const digest = createHash('sha256').update(key).digest('hex');
    const apiKey = await this.knownKeys.read(digest, () => this.apiKeys.authenticate(key));
    if (!apiKey) throw new InvalidCredentialException('Unknown or revoked API key');
    const partners = apiKey.partnerTenantIds === '*' ? { all: true as const } : { all: false as const, tenantIds: apiKey.partnerTenantIds };
    return { kind: 'api-key', name: apiKey.name, objectId: apiKey.id, role: apiKey.role as Role, partners };
  }

  private async withEntraToken(entra: EntraTokenVerifier, token: string): Promise<Principal> {
    let identity: EntraIdentity;
    try {
      identity = await entra.verify(token);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw new InvalidCredentialException(err.message);
      if (err instanceof IdentityProviderUnavailableError) throw new DependencyUnavailableException('identity-provider', err);
      throw err;
    }
    const role = highestRole(identity.roles.flatMap((name) => ENTRA_APP_ROLES[name] ?? []));
    if (!role) {
      throw new ForbiddenException(
        `${identity.name} has no Escalade app role: an admin assigns Escalade.Viewer, Escalade.Coordinator or Escalade.Admin in Entra ID`,
      );
    }
    const mapped = this.tenantPartners[identity.tenantId] ?? [];
    const partners = mapped.includes('*') ? { all: true as const } : { all: false as const, tenantIds: [...new Set([identity.tenantId, ...mapped])] };
    return { kind: 'user', name: identity.name, objectId: identity.objectId, tenantId: identity.tenantId, role, partners };
  }
}
