// Replays every golden history (test/histories/*.json, captured on a Temporal dev server by
// `npm run histories:capture`) against the current workflow code, and the encrypted ones (test/histories/encrypted/,
// `npm run histories:capture -- --encrypted`) with the key they were captured under. A failure means the change would break tickets
// already running with the old code: make it replay-safe (e.g. `patched()` from @temporalio/workflow), or, for a
// change meant to alter new tickets only, version it and capture the histories again (see the README,
// "Replaying workflow histories").
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { aServiceRequest } from '@escalade/domain/testing';
import { dataConverterFor, decodeKey, ENCRYPTED_ENCODING, KeyRing, newKey } from '@escalade/secrets';
import {
  ALERT_AT_ONCE_PATCH,
  AZURE_ACCESS_REMINDER_PATCH,
  CANCEL_SAFE_PATCH,
  FEWER_ROUND_TRIPS_PATCH,
  FOLLOW_UP_TARGETS_PATCH,
  HANDOFF_BLOCKED_PATCH,
  HANDOFF_REJECTION_PATCH,
  INTAKE_CHECK_PATCH,
  MICROSOFT_FOLLOW_UP_PATCH,
  MICROSOFT_IN_STEP_PATCH,
  MICROSOFT_WATCH_POLLER_PATCH,
  ONE_ALERT_PATH_PATCH,
  QUIET_HOURS_PATCH,
  RECORDED_CLOCK_PATCH,
  SLA_FROM_SOURCE_PATCH,
} from '@escalade/workflows';
import { ENCRYPTED_HISTORIES_DIR, ENCRYPTED_SCENARIOS, goldenHistoriesDataConverter } from '../../tools/replay/encrypted-histories';
import type { History } from '../../tools/replay/history-json';
import { describeReplayError, readHistoryFile, replayHistories } from '../../tools/replay/replay-histories';
import { SCENARIOS } from '../../tools/replay/scenarios';
import { installQuietRuntime } from '../../tools/replay/temporal-quiet';
import { bundleFromSource } from '../../tools/replay/workflow-bundle';
import {
  alertsSentWithTheirEvents,
  clearTextOf,
  encodingOf,
  exportedPayloads,
  patchesOf,
  recordedEventTypes,
  scheduledActivityTypes,
  localActivityTypes,
  withWorkflowTaskDatedLater,
  workflowTaskAfterTimer,
  workflowTaskCount,
} from './history-contents';

const HISTORIES = path.resolve(__dirname, '../histories');
const jsonFilesIn = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
const FILES = jsonFilesIn(HISTORIES);
const ENCRYPTED_FILES = jsonFilesIn(ENCRYPTED_HISTORIES_DIR);
/** serviceRequestWorkflow with a timer before anything else: not replay-compatible with any golden history. */
const CHANGED_WORKFLOW = path.resolve(__dirname, 'fixtures/extra-sleep.workflows.ts');

/** The workflow API with `patched()` always true: the current code as if its patches had been written without one. */
const UNPATCHED_API = path.resolve(__dirname, 'fixtures/unpatched-workflow-api.ts');

/** What a history shows of a patch's path: the ticket events only it stores, or the activities only it schedules. */
const recorded = (...types: string[]) => (events: History) => recordedEventTypes(events).filter((type) => types.includes(type));
const scheduled = (...types: string[]) => (events: History) => scheduledActivityTypes(events).filter((type) => types.includes(type));

/**
 * Each patch: a new ticket's history that takes its path, and one of a ticket started before it (see `beforePatches`,
 * or a history captured before the patch was written); `newPath` lists what of its path a history shows.
 */
const PATCHES = [
  {
    patch: AZURE_ACCESS_REMINDER_PATCH,
    newTicket: 'access-timed-out.json',
    oldTicket: 'access-timed-out-before-reminder.json',
    newPath: recorded('AzureAccessReminded'),
  },
  {
    patch: MICROSOFT_FOLLOW_UP_PATCH,
    newTicket: 'follow-up-after-answer.json',
    oldTicket: 'answered-by-polling-before-follow-up.json',
    newPath: recorded('MicrosoftNoteAdded', 'MicrosoftStatusChanged'),
  },
  {
    patch: HANDOFF_REJECTION_PATCH,
    newTicket: 'handoff-rejected.json',
    // Its workflow failed on the rejection.
    oldTicket: 'handoff-rejected-before-closing.json',
    newPath: recorded('HandoffRejected'),
  },
  {
    patch: CANCEL_SAFE_PATCH,
    newTicket: 'cancelled-at-once.json',
    oldTicket: 'cancelled.json',
    // The request is stored on its own, before anything else is asked.
    newPath: (events: History) => (scheduledActivityTypes(events)[0] === 'recordTicketEvents' ? ['recordTicketEvents first'] : []),
  },
  {
    patch: SLA_FROM_SOURCE_PATCH,
    newTicket: 'answer-in-time-heard-late.json',
    oldTicket: 'late-answer.json',
    newPath: recorded('SlaBreachCorrected'),
  },
  {
    patch: MICROSOFT_WATCH_POLLER_PATCH,
    newTicket: 'answered-by-poller.json',
    oldTicket: 'answered-by-polling-before-follow-up.json',
    newPath: scheduled('followMicrosoftTicket', 'unfollowMicrosoftTicket'),
  },
  {
    patch: HANDOFF_BLOCKED_PATCH,
    newTicket: 'handoff-blocked-then-filed.json',
    // Its workflow failed on the blocked filing.
    oldTicket: 'handoff-blocked-before-patch.json',
    newPath: recorded('HandoffBlocked'),
  },
  {
    patch: MICROSOFT_IN_STEP_PATCH,
    newTicket: 'microsoft-kept-in-step.json',
    oldTicket: 'severity-lowered.json',
    newPath: recorded('NoteSentToMicrosoft', 'MicrosoftTicketClosed'),
  },
  {
    patch: INTAKE_CHECK_PATCH,
    newTicket: 'refused-as-invalid.json',
    oldTicket: 'title-too-long-before-intake-check.json',
    // Refused without asking the eligibility rules.
    newPath: (events: History) => (scheduledActivityTypes(events).includes('checkEligibility') ? [] : ['no eligibility check']),
  },
  {
    patch: ALERT_AT_ONCE_PATCH,
    newTicket: 'alerted-at-once.json',
    oldTicket: 'escalated-before-one-alert-path.json',
    newPath: scheduled('sendAlert'),
  },
  {
    patch: RECORDED_CLOCK_PATCH,
    newTicket: 'warned-and-breached-on-recorded-clock.json',
    oldTicket: 'breach-level-1.json',
    newPath: (events: History) => localActivityTypes(events).filter((type) => type === 'recordTaskTime'),
  },
  {
    patch: ONE_ALERT_PATH_PATCH,
    newTicket: 'escalated-through-subscriptions.json',
    oldTicket: 'escalated-before-one-alert-path.json',
    // Escalated, and alerted through the subscriptions only.
    newPath: (events: History) =>
      recordedEventTypes(events).includes('Escalated') && !scheduledActivityTypes(events).includes('sendEscalationAlert') ? ['one alert path'] : [],
  },
  {
    patch: FEWER_ROUND_TRIPS_PATCH,
    newTicket: 'answered-in-fewer-round-trips.json',
    oldTicket: 'answered-by-polling-before-follow-up.json',
    // Alerts sent by the activity that stores their events.
    newPath: alertsSentWithTheirEvents,
  },
  {
    patch: FOLLOW_UP_TARGETS_PATCH,
    newTicket: 'follow-up-targets.json',
    oldTicket: 'answered-by-polling-before-follow-up.json',
    newPath: recorded('FollowUpTargetSet', 'MicrosoftClockPaused', 'MicrosoftClockResumed'),
  },
  {
    patch: QUIET_HOURS_PATCH,
    newTicket: 'alert-held-for-quiet-hours.json',
    // Its alert was held by the activities all the same: the workflow attempted it at once.
    oldTicket: 'alert-held-before-quiet-hours.json',
    newPath: recorded('AlertHeld'),
  },
];

const history = (file: string) => readHistoryFile(path.join(HISTORIES, file));
const encryptedHistory = (file: string) => readHistoryFile(path.join(ENCRYPTED_HISTORIES_DIR, file));

/** What the golden scenarios' tickets say of their customer: nothing of it may be read in an encrypted history. */
const fixture = aServiceRequest();
const CUSTOMER_DATA = [fixture.customer.name, fixture.customer.tenantId, fixture.contact.name, fixture.contact.email, fixture.contact.phone ?? '', fixture.description, fixture.title];

/** Everything the file shows to whoever reads it without the key: its text, and every payload's data decoded from base64. */
function readableWithoutTheKey(dir: string, file: string): string {
  const text = fs.readFileSync(path.join(dir, file), 'utf8');
  return [text, ...exportedPayloads(JSON.parse(text)).map(({ payload }) => clearTextOf(payload))].join('\n');
}

async function replayError(code: string, file: string, load = history, options: Omit<Parameters<typeof Worker.runReplayHistory>[0], 'workflowBundle'> = {}): Promise<unknown> {
  const { workflowId, history: events } = load(file);
  return Worker.runReplayHistory({ workflowBundle: { code }, ...options }, events, workflowId).then(
    () => undefined,
    (err: unknown) => err,
  );
}

describe('golden workflow histories', () => {
  let code: string;

  beforeAll(async () => {
    installQuietRuntime(); // replay workers log every state change at INFO otherwise
    code = await bundleFromSource();
  }, 120_000);

  it('has a history for every scenario and a scenario for every history', () => {
    // npm run histories:capture -- <scenario> writes a missing one; a history without a scenario cannot be recaptured.
    expect(FILES).toEqual(SCENARIOS.map((s) => `${s.name}.json`).sort());
  });

  it.each(FILES)('%s replays against the current workflow code', async (file) => {
    const { workflowId, history: events } = history(file);
    try {
      await Worker.runReplayHistory({ workflowBundle: { code } }, events, workflowId);
    } catch (err) {
      throw new Error(`test/histories/${file} no longer replays (${workflowId}): ${describeReplayError(err).reason}`);
    }
  });

  describe('encrypted (payload encryption on, under the golden histories\' test key)', () => {
    it('has an encrypted history for each scenario of ENCRYPTED_SCENARIOS, and none other', () => {
      // npm run histories:capture -- --encrypted writes them.
      expect(ENCRYPTED_FILES).toEqual(ENCRYPTED_SCENARIOS.map((name) => `${name}.json`).sort());
    });

    it.each(ENCRYPTED_FILES)('encrypted/%s shows no customer data: every payload that goes through the codec is encrypted', (file) => {
      const payloads = exportedPayloads(JSON.parse(fs.readFileSync(path.join(ENCRYPTED_HISTORIES_DIR, file), 'utf8')));
      const throughCodec = payloads.filter((p) => p.throughCodec).map(({ payload }) => encodingOf(payload));
      expect(throughCodec.length).toBeGreaterThan(0);
      expect(new Set(throughCodec)).toEqual(new Set([ENCRYPTED_ENCODING]));
      const readable = readableWithoutTheKey(ENCRYPTED_HISTORIES_DIR, file);
      expect(CUSTOMER_DATA.filter((clear) => readable.includes(clear))).toEqual([]);
    });

    it('tells the customer data apart where it is in clear: the same scenario unencrypted shows all of it', () => {
      const readable = readableWithoutTheKey(HISTORIES, ENCRYPTED_FILES[0]);
      expect(CUSTOMER_DATA.filter((clear) => !readable.includes(clear))).toEqual([]);
    });

    it.each(ENCRYPTED_FILES)('encrypted/%s replays against the current workflow code with its key', async (file) => {
      const { workflowId, history: events } = encryptedHistory(file);
      try {
        await Worker.runReplayHistory({ workflowBundle: { code }, dataConverter: goldenHistoriesDataConverter() }, events, workflowId);
      } catch (err) {
        throw new Error(`test/histories/encrypted/${file} no longer replays (${workflowId}): ${describeReplayError(err).reason}`);
      }
    });

    it('replays only with the key it was encrypted under: not without a key, nor with another one', async () => {
      const [file] = ENCRYPTED_FILES;
      const withoutKey = await replayError(code, file, encryptedHistory);
      expect(String(withoutKey)).toMatch(/binary\/encrypted/);
      const otherKey = dataConverterFor(new KeyRing(decodeKey(newKey()) as Buffer));
      const withOtherKey = await replayError(code, file, encryptedHistory, { dataConverter: otherKey });
      expect(String(withOtherKey)).toMatch(/which is not configured/);
    });

    it('replays the unencrypted histories with the codec on: their payloads pass through it', async () => {
      const outcomes = [];
      for await (const outcome of replayHistories(code, FILES.map(history), { dataConverter: goldenHistoriesDataConverter(), locate: false })) outcomes.push(outcome);
      expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
      expect(outcomes).toHaveLength(FILES.length);
    });
  });

  describe('versioning with patched()', () => {
    let unpatched: string;

    beforeAll(async () => {
      unpatched = await bundleFromSource({ alias: { '@temporalio/workflow$': UNPATCHED_API } });
    }, 120_000);

    it.each(PATCHES)('$patch: a new ticket records the marker and takes the new path ($newTicket)', ({ patch, newTicket, newPath }) => {
      const { history: events } = history(newTicket);
      expect(patchesOf(events)).toContain(patch);
      expect(newPath(events)).not.toEqual([]);
    });

    it.each(PATCHES)('$patch: a ticket started before it has no marker of it and kept the old path ($oldTicket)', ({ patch, oldTicket, newPath }) => {
      const { history: events } = history(oldTicket);
      expect(patchesOf(events)).not.toContain(patch); // a ticket started just before it has the earlier patches' markers
      expect(newPath(events)).toEqual([]);
    });

    it.each(PATCHES)('$patch written without its patch: caught on the ticket started before it', async ({ oldTicket }) => {
      const outcomes = [];
      for await (const outcome of replayHistories(unpatched, [history(oldTicket)])) outcomes.push(outcome);
      expect(outcomes).toEqual([expect.objectContaining({ ok: false, error: expect.any(DeterminismViolationError) })]);
      expect(outcomes[0].reason).toMatch(/^nondeterminism at event \d+: /);
    });
  });

  describe('a workflow task whose clock reads later on replay than it did live (a task retried after a server restart)', () => {
    // Dated an hour later: past the due time and every ladder level.
    const anHourLater = (file: string, task: number) => {
      const { workflowId, history: events } = history(file);
      return { name: `${file}, task ${task}`, workflowId, history: withWorkflowTaskDatedLater(events, task, 60 * 60_000) };
    };

    // The follow-up marks read no clock at all: their timers' lengths vary with it, which a replay does not compare.
    it.each(['warned-and-breached-on-recorded-clock.json', 'severity-raised-past-due-on-recorded-clock.json', 'follow-up-targets.json'])(
      '%s: it branches only on clock readings its history recorded, so it replays the same whichever task is dated later',
      async (file) => {
        const shifted = Array.from({ length: workflowTaskCount(history(file).history) }, (_, task) => anHourLater(file, task));
        expect(shifted.length).toBeGreaterThan(10);
        const outcomes = [];
        for await (const outcome of replayHistories(code, shifted, { locate: false })) outcomes.push(outcome);
        expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
        expect(outcomes).toHaveLength(shifted.length);
      },
    );

    it("a ticket from before RECORDED_CLOCK_PATCH branched on the task's clock: the same shift replays another branch", async () => {
      // The task after the warning's timer: live, the warning went out; replayed an hour later, the clock says the due
      // time has passed, and Microsoft is read for the breach instead.
      const file = 'answered-just-before-due.json';
      const outcomes = [];
      for await (const outcome of replayHistories(code, [anHourLater(file, workflowTaskAfterTimer(history(file).history, 0))])) outcomes.push(outcome);
      expect(outcomes).toEqual([expect.objectContaining({ ok: false, error: expect.any(DeterminismViolationError) })]);
      expect(outcomes[0].reason).toMatch(/checkMicrosoftAnswer/);
    });
  });

  describe('catches a nondeterministic change', () => {
    let changed: string;

    beforeAll(async () => {
      changed = await bundleFromSource({ workflowsPath: CHANGED_WORKFLOW });
    }, 120_000);

    it('rejects a golden history replayed against a workflow that starts with an extra timer', async () => {
      const error = await replayError(changed, 'answered-in-time.json');
      expect(error).toBeInstanceOf(DeterminismViolationError);
      // The changed code starts a timer where the history has the first search-attribute upsert.
      expect((error as Error).message).toMatch(/Timer machine does not handle this event: HistoryEvent\(id: \d+, UpsertWorkflowSearchAttributes\)/);
      const { eventId, reason } = describeReplayError(error);
      expect(eventId).toEqual(expect.any(Number));
      expect(reason).toMatch(new RegExp(`^nondeterminism at event ${eventId}: `));
    });
  });
});
