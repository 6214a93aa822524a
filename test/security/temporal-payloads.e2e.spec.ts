// Customer data in Temporal (issue 15): what Temporal stores of a ticket is encrypted, so neither `temporal workflow
// show` nor an SDK client without the key reads the customer's name, e-mail or description; the codec endpoint shows them
// to an authorized caller only, as the CLI does once pointed at it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Payload } from '@temporalio/common';
import request from 'supertest';
import type { ServiceRequest } from '@escalade/domain';
import { aServiceRequest } from '@escalade/domain/testing';
import { ticketStateQuery } from '@escalade/workflows';
import { historyToJSON } from '../../tools/replay/history-json';
import { clearTextOf, exportedPayloads } from '../replay/history-contents';
import { onEscaladeSystem } from '../support/escalade-system';

const { resolveBinary } = require('../../tools/temporal-binaries.cjs') as { resolveBinary: (kind: string) => string | undefined };
const run = promisify(execFile);

const PARTNER = '22222222-2222-2222-2222-222222222222';
const TICKET_ID = 'payloads-1';
const WORKFLOW_ID = `service-request-${PARTNER}~${TICKET_ID}`;

/** A customer no fixture, default or log line mentions: wherever these appear, they came from this ticket. */
const REQUEST: ServiceRequest = aServiceRequest({
  severity: 'C',
  title: 'Ledger replicas drifting apart in westeurope',
  description: 'Kraken-shaped latency spikes on the Quillfeather ledger since Tuesday, replicas 3 and 7 disagree',
  customer: { name: 'Quillfeather Orchards GmbH', tenantId: '7d3c9e1a-5b2f-4c8d-9e6a-1f0b2c3d4e5f' },
  contact: { name: 'Octavia Brambleworth', email: 'octavia.brambleworth@quillfeather.example', phone: '+49 30 5550 1234' },
});
const CUSTOMER_DATA = [REQUEST.customer.name, REQUEST.customer.tenantId, REQUEST.contact.name, REQUEST.contact.email, REQUEST.description, REQUEST.title];
const NOTE = 'Quillfeather confirms replica 7 was rebuilt on Monday';

/** Everything a reader of the output sees: the text itself, and every payload's data decoded from base64. */
function readable(output: string): string {
  return [output, ...exportedPayloads(JSON.parse(output)).map(({ payload }) => clearTextOf(payload))].join('\n');
}

const shown = (output: string) => [...CUSTOMER_DATA, NOTE].filter((clear) => readable(output).includes(clear));

const toJson = ({ metadata, data }: Payload) => ({
  metadata: Object.fromEntries(Object.entries(metadata ?? {}).map(([name, value]) => [name, Buffer.from(value).toString('base64')])),
  data: Buffer.from(data ?? []).toString('base64'),
});

describe('customer data in Temporal: encrypted in every history, shown through the codec endpoint to authorized callers only', () => {
  const e2e = onEscaladeSystem({ MICROSOFT_SUPPORT: 'in-process' });
  const cli = resolveBinary('cli');

  /** `temporal workflow show` for the ticket's workflow, as JSON, with more options (e.g. the codec endpoint). */
  async function workflowShow(...options: string[]): Promise<string> {
    if (!cli) throw new Error('no Temporal CLI: run npm run temporal:provision');
    const args = ['workflow', 'show', '--workflow-id', WORKFLOW_ID, '--address', e2e.env.address, '--namespace', e2e.env.namespace ?? 'default', '--output', 'json', ...options];
    const { stdout } = await run(cli, args, { maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  }

  beforeAll(async () => {
    await e2e.system.http().post('/service-requests').send({ ...REQUEST, requestId: TICKET_ID }).expect(201);
    await e2e.system.waitForTicket(TICKET_ID, (t) => t.status === 'awaiting-response');
    await e2e.system.http().post(`/service-requests/${TICKET_ID}/notes`).send({ text: NOTE }).expect(200);
  });

  it('shows no customer name, e-mail, description or note in `temporal workflow show`, only encrypted payloads', async () => {
    const output = await workflowShow();
    expect(output).toContain(WORKFLOW_ID);
    expect(output).toContain(Buffer.from('binary/encrypted').toString('base64'));
    expect(shown(output)).toEqual([]);
  });

  it('shows none of it to an SDK client without the key: the history is ciphertext, the ticket state unreadable', async () => {
    const handle = e2e.env.client.workflow.getHandle(WORKFLOW_ID);
    expect(shown(historyToJSON(await handle.fetchHistory()))).toEqual([]);
    await expect(handle.query(ticketStateQuery)).rejects.toThrow(/Unknown encoding: binary\/encrypted/);
    // The API's client holds the key: the same query reads the customer.
    expect(await e2e.system.temporal.workflow.getHandle(WORKFLOW_ID).query(ticketStateQuery)).toMatchObject({ customer: REQUEST.customer.name });
  });

  it('decodes the payloads through POST /codec/decode for an authorized caller, and refuses it without credentials (401)', async () => {
    const history = await e2e.env.client.workflow.getHandle(WORKFLOW_ID).fetchHistory();
    const payloads = (history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads ?? []).map(toJson);
    expect(payloads).toHaveLength(1);

    const { body } = await e2e.system.http().post('/codec/decode').set('X-Namespace', 'default').send({ payloads }).expect(200);
    const input = JSON.parse(Buffer.from(body.payloads[0].data, 'base64').toString('utf8'));
    expect(input).toMatchObject({ id: TICKET_ID, request: { customer: REQUEST.customer, contact: REQUEST.contact, description: REQUEST.description } });

    const refused = await request(e2e.system.api.getHttpServer()).post('/codec/decode').send({ payloads }).expect(401);
    expect(shown(JSON.stringify(refused.body))).toEqual([]);
  });

  it('lets the CLI show the whole history in clear once pointed at the codec endpoint with a credential, and not without one', async () => {
    const codec = ['--codec-endpoint', `${e2e.system.url}/codec`];
    const decoded = await workflowShow(...codec, '--codec-auth', `Bearer ${e2e.system.adminKey}`);
    expect(shown(decoded)).toEqual([...CUSTOMER_DATA, NOTE]);

    // The codec endpoint answers 401; the CLI retries until its command times out, then fails, showing nothing.
    const refused = await workflowShow(...codec, '--command-timeout', '3s').then(
      (output) => ({ failed: false, output }),
      (err: { stdout?: string; stderr?: string }) => ({ failed: true, output: `${err.stdout ?? ''}${err.stderr ?? ''}` }),
    );
    expect(refused.failed).toBe(true);
    expect([...CUSTOMER_DATA, NOTE].filter((clear) => refused.output.includes(clear))).toEqual([]);
  });
});
