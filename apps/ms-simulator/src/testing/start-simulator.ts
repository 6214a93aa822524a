import type { INestApplication } from '@nestjs/common';
import { loadSimulatorConfig } from '../config/simulator-config';
import { createSimulatorApp } from '../create-simulator-app';
import { AccessTokens } from '../entra/access-tokens.service';
import type { JwtClaims } from '../entra/jws';
import { ServiceRequestStore } from '../service-requests/service-request.store';

export interface RunningSimulator {
  app: INestApplication;
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  store: ServiceRequestStore;
  /**
   * An access token Partner Center takes, as the token endpoint would issue it (lifetime from
   * SIMULATOR_ACCESS_TOKEN_LIFETIME_SECONDS); `claims` override its claims, to make one it must refuse.
   */
  accessToken(claims?: JwtClaims): string;
}

/**
 * An access token that a simulator started with `env` takes, made here without asking it (the signing key comes from
 * the same configuration): for a simulator running in another process.
 */
export function accessTokenFor(env: NodeJS.ProcessEnv = {}, claims?: JwtClaims): string {
  return new AccessTokens(loadSimulatorConfig(env)).issue(claims).token;
}

/** The simulator in-process on real HTTP, on a free local port; `env` as SIMULATOR_* variables. Close with `app.close()`. */
export async function startSimulator(env: NodeJS.ProcessEnv = {}): Promise<RunningSimulator> {
  const app = await createSimulatorApp(loadSimulatorConfig(env), { logger: false });
  await app.listen(0, '127.0.0.1');
  const accessTokens = app.get(AccessTokens);
  return {
    app,
    baseUrl: await app.getUrl(),
    store: app.get(ServiceRequestStore),
    accessToken: (claims) => accessTokens.issue(claims).token,
  };
}
