// The capture's worker: the workflow tests' harness (real activities, SQLite event log) with a scripted
// Microsoft and a fixed task queue, running the current workflow code or, for tickets started before the
// patches, the same code bundled with `patched()` answering false.
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { waitForEventType, WorkflowHarness } from '../../test/support/workflow-harness';
import type { ScenarioContext } from './scenarios';
import { ScriptedMicrosoftSupport } from './scripted-microsoft';
import { bundleFromSource } from './workflow-bundle';

const BEFORE_PATCHES_API = path.join(__dirname, 'before-patches-workflow-api.ts');

export class CaptureHarness extends WorkflowHarness {
  override readonly microsoft = new ScriptedMicrosoftSupport();
  /** Fixed, so the task queue recorded in every history is the same from one capture to the next. */
  override readonly taskQueue: string;

  constructor(
    env: TestWorkflowEnvironment,
    readonly beforePatches = false,
  ) {
    super(env);
    this.taskQueue = beforePatches ? 'golden-histories-before-patches' : 'golden-histories';
  }

  protected override async workflowCode() {
    if (!this.beforePatches) return super.workflowCode();
    return { workflowBundle: { code: await bundleFromSource({ alias: { '@temporalio/workflow$': BEFORE_PATCHES_API } }) } };
  }

  /** What a scenario's drive may act on besides the ticket. */
  get context(): ScenarioContext {
    return {
      microsoft: this.microsoft,
      recorded: (handle, type, count) => waitForEventType(this, handle, type, { count }),
    };
  }
}

export async function startCaptureWorker(env: TestWorkflowEnvironment, { beforePatches = false } = {}): Promise<CaptureHarness> {
  Logger.overrideLogger(['error']); // the activities log every escalation as a warning
  const harness = new CaptureHarness(env, beforePatches);
  await harness.start();
  return harness;
}
