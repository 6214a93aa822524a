import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker, type WorkerOptions } from '@temporalio/worker';
import { Client, type WorkflowHandle } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { AlertDispatcher } from '@escalade/alerting';
import { loopbackOutbound } from '@escalade/alerting/testing';
import { DEFAULT_SLA_POLICY, type ServiceRequest, type SlaPolicy, type TicketAlert, type TicketState, type TicketStatus } from '@escalade/domain';
import { EventStore } from '@escalade/event-store';
import { KeyRing } from '@escalade/secrets';
import {
  AlertDeliveryStore,
  AlertSubscriptionStore,
  JournalFaultStore,
  MicrosoftWatchStore,
  type NewAlertSubscription,
} from '@escalade/persistence';
import { testDatabases } from '@escalade/persistence/testing';
import {
  SERVICE_REQUEST_WORKFLOW,
  serviceRequestWorkflowId,
  ticketKey,
  ticketStateQuery,
  ticketStreamId,
  type RecordTicketEventsInput,
  type ServiceRequestInput,
  type serviceRequestWorkflow,
} from '@escalade/workflows';
import type { DataSource } from 'typeorm';
import { createServiceRequestActivities, workflowSourceOptions } from '@escalade/worker';
import { startTimeSkippingServer } from './temporal-servers';
import { TestMicrosoftSupport } from './test-microsoft-support';

export interface WorkflowHarnessOptions {
  /**
   * The worker's and `client`'s data converter, as production's (payloads encrypted: see dataConverterFor in
   * @escalade/secrets). Without it, the SDK's default, and `client` is the test server's own (the time-skipping one).
   */
  dataConverter?: DataConverter;
}

/** A worker with the real activities (in-process Microsoft, SQLite stores) on a test server. */
export class WorkflowHarness {
  readonly taskQueue = `test-${Math.random().toString(36).slice(2)}`;
  readonly microsoft = new TestMicrosoftSupport();
  events!: EventStore;
  /** The tickets the activities registered for the watch poller to follow (no poller runs here unless one is started). */
  microsoftWatches!: MicrosoftWatchStore;
  /** The ticket streams that refused their events for good. */
  journalFaults!: JournalFaultStore;
  private worker!: Worker;
  private running!: Promise<void>;
  private dataSource!: DataSource;
  private readonly database = testDatabases()[0];
  private readonly keyRing = new KeyRing(randomBytes(32));
  private sequence = 0;
  /** The alerts the workflows raised, by key, whichever activity sent them: a retried one raises it again. */
  private readonly raised = new Map<string, TicketAlert>();
  /** Starts the tickets (`open`): with the harness's data converter, which reads what the worker writes. */
  readonly client: Client;

  constructor(
    readonly env: TestWorkflowEnvironment,
    private readonly options: WorkflowHarnessOptions = {},
  ) {
    const { dataConverter } = options;
    this.client = dataConverter ? new Client({ connection: env.connection, namespace: env.namespace, dataConverter }) : env.client;
  }

  async start(): Promise<void> {
    this.dataSource = await this.database.open();
    this.events = new EventStore(this.dataSource);
    this.microsoftWatches = new MicrosoftWatchStore(this.dataSource);
    this.journalFaults = new JournalFaultStore(this.dataSource);
    await this.startWorker();
  }

  /** Alerts matching the subscription go to its URL from now on (signed webhooks, as in production). */
  async subscribeToAlerts(subscription: NewAlertSubscription): Promise<void> {
    await new AlertSubscriptionStore(this.dataSource, this.keyRing).create(subscription);
  }

  /** The escalation alerts raised so far for the ticket with this id (whichever partner filed it), lowest level first. */
  escalationAlerts(ticketId: string): TicketAlert[] {
    return this.alertsRaised(ticketId)
      .filter((alert) => alert.kind === 'escalation')
      .sort((a, b) => (a.level ?? 0) - (b.level ?? 0));
  }

  /** Every alert raised so far for the ticket with this id (whichever partner filed it), as raised. */
  alertsRaised(ticketId: string): TicketAlert[] {
    return [...this.raised.values()].filter((alert) => alert.ticketId === ticketId);
  }

  /** Stops the worker (as a crash would, between workflow tasks): timers fire and signals queue up until `resumeWorker`. */
  async pauseWorker(): Promise<void> {
    await this.stopWorker();
  }

  /** A new worker on the same task queue: it replays each ticket's history, then takes what queued up meanwhile. */
  async resumeWorker(): Promise<void> {
    await this.startWorker();
  }

  private async stopWorker(): Promise<void> {
    this.worker.shutdown();
    await this.running;
  }

  private async startWorker(): Promise<void> {
    const activities = createServiceRequestActivities({
      microsoftSupport: this.microsoft,
      alertDispatcher: new AlertDispatcher(
        new AlertSubscriptionStore(this.dataSource, this.keyRing),
        new AlertDeliveryStore(this.dataSource),
        { outbound: loopbackOutbound() }, // the tests' receivers listen on loopback
      ),
      events: this.events,
      microsoftWatches: this.microsoftWatches,
      journalFaults: this.journalFaults,
      logger: new Logger('test-activities'),
    });
    this.worker = await Worker.create({
      connection: this.env.nativeConnection,
      taskQueue: this.taskQueue,
      dataConverter: this.options.dataConverter,
      ...(await this.workflowCode()),
      // No workflow cache, so no sticky task queue: a task the server sent to a sticky queue that nobody polls (a
      // paused worker, an evicted workflow) waits for that queue to time out, and the time-skipping server's clock,
      // held while a task waits, never lets it.
      maxCachedWorkflows: 0,
      activities: {
        ...activities,
        prepareAlertDeliveries: (alert: TicketAlert) => {
          this.raised.set(alert.alertKey, alert);
          return activities.prepareAlertDeliveries(alert);
        },
        sendAlert: (alert: TicketAlert) => {
          this.raised.set(alert.alertKey, alert);
          return activities.sendAlert(alert);
        },
        recordTicketEvents: (input: RecordTicketEventsInput) => {
          if (input.alert) this.raised.set(input.alert.alertKey, input.alert);
          return activities.recordTicketEvents(input);
        },
        alertBreachUnlessAnswered: async (input: { microsoftTicketId: string; alert: TicketAlert }) => {
          const reading = await activities.alertBreachUnlessAnswered(input);
          if ('sent' in reading) this.raised.set(input.alert.alertKey, input.alert);
          return reading;
        },
      },
    });
    this.running = this.worker.run();
  }

  /** The workflow code the worker runs: the sources, bundled as the worker bundles them. */
  protected async workflowCode(): Promise<Pick<WorkerOptions, 'workflowsPath' | 'bundlerOptions' | 'workflowBundle'>> {
    return workflowSourceOptions();
  }

  async stop(): Promise<void> {
    if (this.worker.getState() === 'RUNNING') await this.stopWorker();
    await this.database.close(this.dataSource);
  }

  /**
   * `microsoftPollIntervalMs`: Microsoft can be read back (as with Partner Center), as the API sets it outside in-process mode.
   * `id`: the partner's ticket id (a new one by default). `keyed`: opened as the API opens tickets now, under its key
   * among all partners' tickets (`ticketKey`); without it, as tickets were opened before, their id being their key.
   */
  async open(
    request: ServiceRequest,
    policy: SlaPolicy = DEFAULT_SLA_POLICY,
    { microsoftPollIntervalMs, id = this.newId(), keyed = false }: Pick<ServiceRequestInput, 'microsoftPollIntervalMs'> & { id?: string; keyed?: boolean } = {},
  ): Promise<WorkflowHandle<typeof serviceRequestWorkflow>> {
    const key = keyed ? ticketKey(request.partner.tenantId, id) : undefined;
    return this.client.workflow.start<typeof serviceRequestWorkflow>(SERVICE_REQUEST_WORKFLOW, {
      taskQueue: this.taskQueue,
      workflowId: serviceRequestWorkflowId(key ?? id),
      args: [{ id, ...(key ? { key } : {}), request, policy, microsoftPollIntervalMs }],
    });
  }

  private newId(): string {
    this.sequence += 1;
    return `${this.taskQueue}-${this.sequence}`;
  }
}

/**
 * A time-skipping server and a harness on it for the enclosing `describe`: started before its tests, stopped after
 * them. Its `env` and `harness` are there once the `beforeAll` it registers has run.
 */
export function onTimeSkippingServer<H extends WorkflowHarness>(create: (env: TestWorkflowEnvironment) => H): { env: TestWorkflowEnvironment; harness: H } {
  const server = {} as { env: TestWorkflowEnvironment; harness: H };
  beforeAll(async () => {
    server.env = await startTimeSkippingServer();
    server.harness = create(server.env);
    await server.harness.start();
  }, 120_000);
  afterAll(async () => {
    await server.harness?.stop();
    await server.env?.teardown();
  });
  return server;
}

/** The ticket's key (its id, for a ticket opened without one), from its workflow id. */
export async function keyOf(handle: WorkflowHandle): Promise<string> {
  return (await stateOf(handle)).workflowId.slice(serviceRequestWorkflowId('').length);
}

/** The events the ticket's workflow has recorded so far, in order. */
export async function eventsOf(harness: WorkflowHarness, handle: WorkflowHandle) {
  return harness.events.readStream(ticketStreamId(await keyOf(handle)));
}

/** The types of the events the ticket's workflow has recorded so far, in order. */
export async function eventTypesOf(harness: WorkflowHarness, handle: WorkflowHandle): Promise<string[]> {
  return (await eventsOf(harness, handle)).map((e) => e.type);
}

/** Reads (in real time: a query never skips time) until `done` holds or `timeoutMs` has passed; returns the last read. */
async function pollUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Polls until the ticket has recorded `count` events of this type: recording is an activity. The default wait is
 * generous: on a loaded CI machine (two test workers, each with its servers) an append may take seconds to come.
 */
export async function waitForEventType(
  harness: WorkflowHarness,
  handle: WorkflowHandle,
  type: string,
  { count = 1, timeoutMs = 30_000 }: { count?: number; timeoutMs?: number } = {},
): Promise<void> {
  const recorded = (types: string[]) => types.filter((t) => t === type).length >= count;
  if (!recorded(await pollUntil(() => eventTypesOf(harness, handle), recorded, timeoutMs))) {
    throw new Error(`the ticket never recorded ${count} × ${type}`);
  }
}

export function stateOf(handle: WorkflowHandle): Promise<TicketState> {
  return handle.query(ticketStateQuery);
}

/** Polls the ticket until it reaches the status. */
/** Polls the ticket's state until `done` holds (the workflow may still be applying what a timer set off); the last read after a time-out. */
export function stateWhen(handle: WorkflowHandle, done: (state: TicketState) => boolean, timeoutMs = 10_000): Promise<TicketState> {
  return pollUntil(() => stateOf(handle), done, timeoutMs);
}

export async function waitForStatus(handle: WorkflowHandle, status: TicketStatus, timeoutMs = 15_000): Promise<TicketState> {
  const state = await pollUntil(() => stateOf(handle), (s) => s.status === status, timeoutMs);
  if (state.status !== status) throw new Error(`ticket stayed "${state.status}", expected "${status}"`);
  return state;
}

/** Polls until `count` escalation alerts are raised (the workflow raises its level before the alert activity runs); the last read after a time-out. */
export function escalationAlertsOf(harness: WorkflowHarness, ticketId: string, count: number, timeoutMs = 10_000) {
  return pollUntil(async () => harness.escalationAlerts(ticketId), (alerts) => alerts.length >= count, timeoutMs);
}
