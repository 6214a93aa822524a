// `npm run projections:verify [-- --no-temporal]`: folds the whole event log in memory, with the tickets
// projection's own fold, and compares it with the `tickets` rows field by field (tickets with parked events are
// listed apart, not compared); then compares the tickets open in the read model with the workflows running in
// Temporal. Exit code 0: no drift; 1: drift; 2: not verified (an error, or Temporal not compared and no drift found).
// Uses the app's settings (DATA_DIR or DATABASE_URL, the Temporal connection's: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE …, and
// TEMPORAL_TASK_QUEUE).
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { In, DataSource } from 'typeorm';
import { type AppConfig, ConfigError, loadAppConfig, temporalConnection, type TemporalConnection } from '@escalade/config';
import type { TicketSummary } from '@escalade/domain';
import {
  dataSourceOptions,
  projectionDrift,
  type ProjectionDrift,
  type TicketDrift,
  TicketRow,
  TicketsProjection,
  workflowDrift,
  type WorkflowDrift,
} from '@escalade/persistence';
import { dataConverterFor, keyRingFrom } from '@escalade/secrets';
import { SERVICE_REQUEST_WORKFLOW, serviceRequestWorkflowId } from '@escalade/workflows';

const NO_TEMPORAL = '--no-temporal';

async function main(args: string[]): Promise<number> {
  const unknown = args.filter((arg) => arg !== NO_TEMPORAL);
  if (unknown.length > 0) {
    console.error(`unknown argument(s) ${unknown.join(' ')}; usage: npm run projections:verify [-- ${NO_TEMPORAL}]`);
    return 2;
  }
  const config = loadAppConfig();
  const dataSource = new DataSource(dataSourceOptions(config));
  await dataSource.initialize();
  try {
    const projection = new TicketsProjection(dataSource);
    const snapshot = await projection.snapshot();
    const drift = projectionDrift(await projection.foldLog(snapshot.checkpoint), snapshot);
    report(
      `Read model: ${snapshot.rows.length} ticket(s), compared with the log up to position ${snapshot.checkpoint}`,
      drift.tickets.map(describeTicketDrift),
    );
    printParked(drift);

    const parked = new Set(drift.parked.map((ticket) => ticket.ticketId));
    const compared = snapshot.rows.filter((row) => !parked.has(row.key));
    if (args.includes(NO_TEMPORAL)) {
      console.log(`Temporal: not compared (${NO_TEMPORAL})`);
      return drift.tickets.length > 0 ? 1 : 0;
    }
    const temporal = temporalConnection();
    const workflows = await compareWithTemporal(config, temporal, dataSource, compared);
    if (workflows instanceof Error) {
      console.log(`Temporal: NOT COMPARED (${temporal.description}): ${workflows.message}`);
      console.log(`  (pass ${NO_TEMPORAL} to compare the read model with the log only)`);
      return drift.tickets.length > 0 ? 1 : 2;
    }
    report(
      `Temporal: ${compared.length} ticket(s) compared with the running workflows of task queue ${config.TEMPORAL_TASK_QUEUE}`,
      workflows.map(describeWorkflowDrift),
    );
    return drift.tickets.length + workflows.length > 0 ? 1 : 0;
  } finally {
    await dataSource.destroy();
  }
}

/** The tickets whose workflow disagrees with the read model about being open, or the error that stopped the comparison. */
async function compareWithTemporal(
  config: AppConfig,
  temporal: TemporalConnection,
  dataSource: DataSource,
  rows: TicketSummary[],
): Promise<WorkflowDrift[] | Error> {
  let connection: Connection | undefined;
  try {
    connection = await Connection.connect(temporal.clientOptions({ connectTimeout: '5 seconds' }));
    // The workflows' memos are encrypted: listing them decodes them.
    const client = new Client({ connection, namespace: temporal.namespace, dataConverter: dataConverterFor(keyRingFrom(config)) });
    const running = new Set<string>();
    const query = `WorkflowType = '${SERVICE_REQUEST_WORKFLOW}' AND ExecutionStatus = 'Running' AND TaskQueue = '${config.TEMPORAL_TASK_QUEUE}'`;
    for await (const workflow of client.workflow.list({ query })) running.add(workflow.workflowId);
    const suspects = workflowDrift(rows, (key) => running.has(serviceRequestWorkflowId(key)));
    if (suspects.length === 0) return [];
    // A ticket closing while we looked seems to drift for a moment: look at each suspect again, row and workflow.
    // workflowDrift names tickets by key (`<partner>~<id>`, or the id of a ticket from before): rows are found by it.
    const fresh = await dataSource.getRepository(TicketRow).findBy({ key: In(suspects.map((s) => s.ticketId)) });
    const stillRunning = new Set<string>();
    for (const row of fresh) if (await isRunning(client, row.key)) stillRunning.add(row.key);
    return workflowDrift(fresh, (key) => stillRunning.has(key));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  } finally {
    await connection?.close();
  }
}

async function isRunning(client: Client, key: string): Promise<boolean> {
  try {
    return (await client.workflow.getHandle(serviceRequestWorkflowId(key)).describe()).status.name === 'RUNNING';
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

function report(title: string, drifts: string[]): void {
  console.log(title);
  console.log(drifts.length === 0 ? '  no drift' : drifts.map((line) => `  DRIFT ${line}`).join('\n'));
}

function printParked({ parked }: ProjectionDrift): void {
  if (parked.length === 0) return;
  console.log(`Parked, not compared (npm run projections:replay-parked): ${parked.length} ticket(s)`);
  for (const ticket of parked) {
    console.log(`  ${ticket.ticketId}: ${ticket.events} event(s) from position ${ticket.firstPosition}: ${ticket.reason}`);
  }
}

function describeTicketDrift(drift: TicketDrift): string {
  switch (drift.kind) {
    case 'missing':
      return `${drift.ticketId}: in the log, not in the read model`;
    case 'unexpected':
      return `${drift.ticketId}: in the read model, not in the log`;
    case 'unfoldable':
      return `${drift.ticketId}: the log cannot be folded at position ${drift.position} (${drift.problem}), yet nothing is parked`;
    case 'different': {
      const fields = drift.fields.map((f) => `${f.field} is ${JSON.stringify(f.readModel)}, the log gives ${JSON.stringify(f.log)}`);
      return `${drift.ticketId}: ${fields.join('; ')}`;
    }
  }
}

function describeWorkflowDrift({ ticketId, readModel, workflow }: WorkflowDrift): string {
  return `${ticketId}: ${readModel} in the read model, workflow ${serviceRequestWorkflowId(ticketId)} ${workflow}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(2);
  },
);
