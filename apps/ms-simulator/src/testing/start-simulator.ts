import type { INestApplication } from '@nestjs/common';
import { loadSimulatorConfig } from '../config/simulator-config';
import { createSimulatorApp } from '../create-simulator-app';
import { ServiceRequestStore } from '../service-requests/service-request.store';

export interface RunningSimulator {
  app: INestApplication;
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  store: ServiceRequestStore;
}

/** The simulator in-process on real HTTP, on a free local port; `env` as SIMULATOR_* variables. Close with `app.close()`. */
export async function startSimulator(env: NodeJS.ProcessEnv = {}): Promise<RunningSimulator> {
  const app = await createSimulatorApp(loadSimulatorConfig(env), { logger: false });
  await app.listen(0, '127.0.0.1');
  return { app, baseUrl: await app.getUrl(), store: app.get(ServiceRequestStore) };
}
