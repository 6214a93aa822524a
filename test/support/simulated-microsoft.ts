import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startSimulator, type RunningSimulator } from '@escalade/ms-simulator/testing';
import { EscaladeSystem } from './escalade-system';
import { startDevServer } from './temporal-servers';

/** The simulator playing Microsoft over HTTP, and Escalade on a dev server following it, as onEscaladeWithSimulator gives them. */
export interface SimulatedMicrosoftSystem {
  readonly simulator: RunningSimulator;
  readonly system: EscaladeSystem;
}

/**
 * For the enclosing `describe`: the Microsoft simulator (its own answers come after 24 minutes at the earliest, never
 * during a test: the tests answer with `microsoftAnswers`), a dev server and Escalade filing with the simulator through
 * the Partner Center API and polling it every 200 ms, with `settings` on top. There once the `beforeAll` it registers ran.
 */
export function onEscaladeWithSimulator(settings: Record<string, string> = {}): SimulatedMicrosoftSystem {
  let env: TestWorkflowEnvironment | undefined;
  let simulator: RunningSimulator | undefined;
  let system: EscaladeSystem | undefined;
  beforeAll(async () => {
    simulator = await startSimulator({ SIMULATOR_TIME_SCALE: '1', SIMULATOR_SEED: '7' });
    env = await startDevServer();
    system = new EscaladeSystem(env, {
      MICROSOFT_SUPPORT: 'simulator',
      PARTNER_CENTER_URL: simulator.baseUrl,
      PARTNER_CENTER_TOKEN: simulator.accessToken(),
      MICROSOFT_POLL_INTERVAL_MS: '200',
      ...settings,
    });
    await system.start();
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
    await env?.teardown();
    await simulator?.app.close();
  });
  const started = <T>(name: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`onEscaladeWithSimulator: no ${name} yet: read it in a hook or a test`);
    return value;
  };
  return {
    get simulator() {
      return started('simulator', simulator);
    },
    get system() {
      return started('system', system);
    },
  };
}

/** Microsoft's support engineer answers the ticket in the simulator, as Partner Center would show it (asking for information when told). */
export async function microsoftAnswers(simulator: RunningSimulator, microsoftTicketId: string, attentionNeeded = false): Promise<void> {
  const response = await fetch(`${simulator.baseUrl}/simulator/servicerequests/${microsoftTicketId}/answer`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ attentionNeeded }),
  });
  if (!response.ok) throw new Error(`the simulator did not answer ticket ${microsoftTicketId}: ${response.status}`);
}
