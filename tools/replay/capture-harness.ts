// The capture's worker: the workflow tests' harness (real activities, SQLite event log, the watch poller) with a scripted
// Microsoft and a fixed task queue, running the current workflow code or, for tickets started before the
// patches, the same code bundled with `patched()` answering false.
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { microsoftTicketUpdatedSignal, QUIET_HOURS_PATCH } from '@escalade/workflows';
import { MicrosoftWatchPoller } from '@escalade/worker';
import { waitForEventType, WorkflowHarness, type WorkflowHarnessOptions } from '../../test/support/workflow-harness';
import { POLL_INTERVAL_MS, type ScenarioContext } from './scenarios';
import { ScriptedMicrosoftSupport } from './scripted-microsoft';
import { bundleFromSource } from './workflow-bundle';

const BEFORE_PATCHES_API = path.join(__dirname, 'before-patches-workflow-api.ts');
/** For each patch a scenario may be captured just before (`beforePatches: <patch>`), the API withholding that one. */
const BEFORE_PATCH_APIS = { [QUIET_HOURS_PATCH]: path.join(__dirname, 'before-quiet-hours-workflow-api.ts') };
export type BeforePatch = keyof typeof BEFORE_PATCH_APIS;

export class CaptureHarness extends WorkflowHarness {
  override readonly microsoft = new ScriptedMicrosoftSupport();
  /** Fixed, so the task queue recorded in every history is the same from one capture to the next. */
  override readonly taskQueue: string;
  private poller?: MicrosoftWatchPoller;

  /** `ownWorker`: the name of the one scenario this worker runs, which may pause it. */
  constructor(
    env: TestWorkflowEnvironment,
    readonly beforePatches: boolean | BeforePatch = false,
    private readonly ownWorker?: string,
    options: WorkflowHarnessOptions = {},
  ) {
    super(env, options);
    const before = beforePatches === true ? 'patches' : beforePatches;
    this.taskQueue = ownWorker ? `golden-histories-${ownWorker}` : before ? `golden-histories-before-${before}` : 'golden-histories';
  }

  /** The shared workers follow Microsoft as a production worker does; a scenario's own worker does not (see `ownWorker`). */
  override async start(): Promise<void> {
    await super.start();
    if (this.ownWorker) return;
    this.poller = new MicrosoftWatchPoller({
      microsoftSupport: this.microsoft,
      watches: this.microsoftWatches,
      signal: (workflowId, update) => this.client.workflow.getHandle(workflowId).signal(microsoftTicketUpdatedSignal, update),
      intervalMs: POLL_INTERVAL_MS,
      logger: new Logger('capture-poller'),
    });
    this.poller.start();
  }

  override async stop(): Promise<void> {
    await this.poller?.stop();
    await super.stop();
  }

  protected override async workflowCode() {
    if (!this.beforePatches) return super.workflowCode();
    const api = this.beforePatches === true ? BEFORE_PATCHES_API : BEFORE_PATCH_APIS[this.beforePatches];
    return { workflowBundle: { code: await bundleFromSource({ alias: { '@temporalio/workflow$': api } }) } };
  }

  /** What a scenario's drive may act on besides the ticket. */
  get context(): ScenarioContext {
    const ownWorkerOnly = (act: () => Promise<void>) => () => {
      if (!this.ownWorker) throw new Error('only a scenario with a worker of its own (ownWorker) may pause it');
      return act();
    };
    return {
      microsoft: this.microsoft,
      recorded: (handle, type, count) => waitForEventType(this, handle, type, { count }),
      pauseWorker: ownWorkerOnly(() => this.pauseWorker()),
      resumeWorker: ownWorkerOnly(() => this.resumeWorker()),
      subscribeToAlerts: (subscription) => this.subscribeToAlerts(subscription),
    };
  }
}

/** `dataConverter`: the worker's, its poller's and its client's (the encrypted capture's: payloads encrypted). */
export async function startCaptureWorker(
  env: TestWorkflowEnvironment,
  { beforePatches = false, ownWorker, dataConverter }: { beforePatches?: boolean | BeforePatch; ownWorker?: string } & WorkflowHarnessOptions = {},
): Promise<CaptureHarness> {
  Logger.overrideLogger(['error']); // the activities log every escalation as a warning
  const harness = new CaptureHarness(env, beforePatches, ownWorker, { dataConverter });
  await harness.start();
  return harness;
}
