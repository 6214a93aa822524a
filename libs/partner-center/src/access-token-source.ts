/** Where the client gets Partner Center access tokens, and tells what Partner Center made of them. */
export interface AccessTokenSource {
  /** A token valid now: the cached one, or a renewed one (concurrent callers share one renewal). */
  accessToken(): Promise<string>;
  /** Partner Center refused `token` (401/403): forget it, unless already replaced, so that the next accessToken() renews. */
  invalidate(token?: string): void;
  /** Partner Center accepted a token: the credentials work. */
  partnerCenterAccepted?(): void;
  /** Partner Center refused even a freshly renewed token: the credentials are failing. */
  partnerCenterRefused?(reason: string): void;
}

/** A bare function gives a token that cannot be renewed, such as a static development token. */
export type TokenProvider = (() => Promise<string>) | AccessTokenSource;

export function accessTokenSource(provider: TokenProvider): AccessTokenSource {
  return typeof provider === 'function' ? { accessToken: provider, invalidate: () => undefined } : provider;
}
