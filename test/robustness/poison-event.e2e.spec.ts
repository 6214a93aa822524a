// A poison event in the log under the real API, worker and Temporal dev server: the projector parks it and every
// later ticket still reaches the read model; the admin endpoint and the operator's commands show it.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { aServiceRequest, aServiceRequestReceived } from '@escalade/domain/testing';
import { EventStore } from '@escalade/event-store';
import { onEscaladeSystem } from '../support/escalade-system';

const REPO_ROOT = path.resolve(__dirname, '../..');
const PARTNER = aServiceRequest().partner.tenantId;

/** Runs an npm script's tool as `npm run` would, on the system's settings; resolves to its exit code and output. */
async function runTool(tool: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['-r', '@swc-node/register', `tools/${tool}`], {
      cwd: REPO_ROOT,
      env: process.env,
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
    return { code, output: `${stdout}${stderr}` };
  }
}

describe('a poison event: the projector parks it and later tickets still reach the read model', () => {
  const e2e = onEscaladeSystem({ MICROSOFT_SUPPORT: 'in-process' });
  const http = () => e2e.system.http();

  async function waitUntilListed(id: string, timeoutMs = 20_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await http().get('/service-requests').expect(200);
      if (body.items.some((ticket: { id: string }) => ticket.id === id)) return;
      if (Date.now() > until) throw new Error(`${id} never reached GET /service-requests: ${JSON.stringify(body)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('parks the poison event, lists a ticket opened after it, and shows it at GET /projections/parked', async () => {
    // What a request with `"partner": []` recorded before the API refused it.
    const poison = aServiceRequestReceived('poison-1', { partner: [] as never, receivedAt: new Date().toISOString() });
    await e2e.system.api.get(EventStore).appendToStream('ticket-poison-1', [{ eventId: 'poison-1:received', ...poison }]);

    await http().post('/service-requests').send({ ...aServiceRequest(), requestId: 'after-poison-1' }).expect(201);
    await waitUntilListed('after-poison-1');

    const { body } = await http().get('/projections/parked').expect(200);
    expect(body).toEqual({
      count: 1,
      events: [
        {
          position: expect.any(Number),
          streamId: 'ticket-poison-1',
          streamVersion: 1,
          type: 'ServiceRequestReceived',
          reason: 'the row would be invalid: partner_tenant_id is missing',
          parkedAt: expect.any(String),
        },
      ],
    });
    const { body: list } = await http().get('/service-requests').expect(200);
    expect(list.items.map((ticket: { id: string }) => ticket.id)).not.toContain('poison-1');
  }, 60_000);

  it('verifies the read model against the log and Temporal, the poison ticket listed apart; replay leaves it parked', async () => {
    const verified = await runTool('verify-projections.ts');
    expect(verified.output).toMatch(/Read model: .*\n {2}no drift/);
    expect(verified.output).toContain('poison-1: 1 event(s) from position');
    expect(verified.output).toMatch(/Temporal: 1 ticket\(s\) compared .*\n {2}no drift/);
    expect(verified.code).toBe(0);

    const replayed = await runTool('replay-parked-events.ts');
    expect(replayed.output).toContain('0 parked event(s) applied, 1 still parked');
    expect(replayed.code).toBe(1);
  }, 60_000);

  it('reports a ticket still open in the read model whose workflow was terminated behind its back', async () => {
    // A ticket is named by its key, its partner tenant's (aServiceRequest()'s) then its id: so are its row and workflow.
    const key = `${PARTNER}~after-poison-1`;
    await e2e.env.client.workflow.getHandle(`service-request-${key}`).terminate('drift on purpose');
    const verified = await runTool('verify-projections.ts');
    expect(verified.output).toContain(`DRIFT ${key}: `);
    expect(verified.output).toMatch(new RegExp(`DRIFT ${key}: [a-z-]+ in the read model, workflow service-request-${key} not running`));
    expect(verified.code).toBe(1);
  }, 60_000);
});
