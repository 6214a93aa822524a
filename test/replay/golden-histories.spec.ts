// Replays every golden history (test/histories/*.json, captured by `npm run histories:capture`) against the
// current workflow code. A failure means the change would break tickets already running with the old code:
// make it replay-safe (e.g. `patched()` from @temporalio/workflow), or, for a change meant to alter new tickets
// only, version it and capture the histories again (see the README, "Replaying workflow histories").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { bundleWorkflowCode, Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { workflowSourceOptions } from '../../apps/worker/src/temporal/workflow-code';
import { describeReplayError, readHistoryFile } from '../../tools/replay/replay-histories';
import { SCENARIOS } from '../../tools/replay/scenarios';
import { installQuietRuntime, quietLogger } from '../../tools/replay/temporal-quiet';

const HISTORIES = path.resolve(__dirname, '../histories');
const FILES = fs
  .readdirSync(HISTORIES)
  .filter((file) => file.endsWith('.json'))
  .sort();
/** serviceRequestWorkflow with a timer before anything else: not replay-compatible with any golden history. */
const CHANGED_WORKFLOW = path.resolve(__dirname, 'fixtures/extra-sleep.workflows.ts');

/** The workflow API with `patched()` always true: the current code as if its patches had been written without one. */
const UNPATCHED_API = path.resolve(__dirname, 'fixtures/unpatched-workflow-api.ts');

async function bundle(workflowsPath: string, alias: Record<string, string> = {}): Promise<string> {
  const { bundlerOptions } = workflowSourceOptions();
  const { code } = await bundleWorkflowCode({
    workflowsPath,
    ...bundlerOptions,
    webpackConfigHook: (config) => {
      const hooked = bundlerOptions.webpackConfigHook?.(config) ?? config;
      return { ...hooked, resolve: { ...hooked.resolve, alias: { ...hooked.resolve?.alias, ...alias } } };
    },
    logger: quietLogger,
  });
  return code;
}

describe('golden workflow histories', () => {
  let code: string;

  beforeAll(async () => {
    installQuietRuntime(); // replay workers log every state change at INFO otherwise
    code = await bundle(workflowSourceOptions().workflowsPath);
  }, 120_000);

  it('has a captured history for every scenario', () => {
    const missing = SCENARIOS.map((s) => `${s.name}.json`).filter((file) => !FILES.includes(file));
    expect(missing).toEqual([]); // npm run histories:capture -- <scenario> writes it
  });

  it.each(FILES)('%s replays against the current workflow code', async (file) => {
    const { workflowId, history } = readHistoryFile(path.join(HISTORIES, file));
    try {
      await Worker.runReplayHistory({ workflowBundle: { code } }, history, workflowId);
    } catch (err) {
      throw new Error(`test/histories/${file} no longer replays (${workflowId}): ${describeReplayError(err).reason}`);
    }
  });

  describe('versioning with patched()', () => {
    it('catches the Azure access reminder written without its patch: old tickets waiting for access would break', async () => {
      const unpatched = await bundle(workflowSourceOptions().workflowsPath, { '@temporalio/workflow$': UNPATCHED_API });
      const { workflowId, history } = readHistoryFile(path.join(HISTORIES, 'access-timed-out.json'));
      const error = await Worker.runReplayHistory({ workflowBundle: { code: unpatched } }, history, workflowId).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(DeterminismViolationError);
      expect(describeReplayError(error).reason).toMatch(/^nondeterminism at event \d+: /);
    }, 120_000);
  });

  describe('catches a nondeterministic change', () => {
    let changed: string;

    beforeAll(async () => {
      changed = await bundle(CHANGED_WORKFLOW);
    }, 120_000);

    it('rejects a golden history replayed against a workflow that starts with an extra timer', async () => {
      const { workflowId, history } = readHistoryFile(path.join(HISTORIES, 'answered-in-time.json'));
      const replay = Worker.runReplayHistory({ workflowBundle: { code: changed } }, history, workflowId);
      const error = await replay.then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(DeterminismViolationError);
      // The changed code starts a timer where the history has the first search-attribute upsert.
      expect((error as Error).message).toMatch(/Timer machine does not handle this event: HistoryEvent\(id: \d+, UpsertWorkflowSearchAttributes\)/);
      const { eventId, reason } = describeReplayError(error);
      expect(eventId).toEqual(expect.any(Number));
      expect(reason).toMatch(new RegExp(`^nondeterminism at event ${eventId}: `));
    });
  });
});
