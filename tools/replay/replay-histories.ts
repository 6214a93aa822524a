// Replaying exported histories against workflow code: loading the files, naming the workflow of each, running
// them through replay workers side by side (Worker.runReplayHistories) and describing a failure in one line.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultPayloadConverter, type DataConverter } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { DeterminismViolationError } from '@temporalio/workflow';
import { SERVICE_REQUEST_WORKFLOW, serviceRequestWorkflowId, type ServiceRequestInput } from '@escalade/workflows';
import { historyFromJSON, type History } from './history-json';
import { lightReplaySandbox } from './replay-sandbox';

export type { History };

export interface HistorySource {
  /** How the history is named in the output: a file path, or a workflow id. */
  name: string;
  workflowId: string;
  history: History;
}

/** A history that could not even be read: reported as a failure, never replayed. */
export interface UnreadableHistory {
  name: string;
  unreadable: string;
}

export interface ReplayOutcome {
  name: string;
  workflowId: string;
  runId?: string;
  events?: number;
  ok: boolean;
  /** One line: what diverged, and where. */
  reason?: string;
  /** The history event at which the replay diverged, when the SDK says. */
  eventId?: number;
  error?: Error;
}

/**
 * The workflow id is the start event's `workflowId` when present (the time-skipping test server leaves it empty),
 * else derived from the service-request input (`service-request-<key or id>`), else `fallback`.
 */
export function workflowIdOf(history: History, fallback: string): string {
  const started = history.events?.[0]?.workflowExecutionStartedEventAttributes;
  if (started?.workflowId) return started.workflowId;
  const payload = started?.input?.payloads?.[0];
  if (started?.workflowType?.name === SERVICE_REQUEST_WORKFLOW && payload) {
    try {
      const input = defaultPayloadConverter.fromPayload<ServiceRequestInput>(payload);
      if (typeof input?.id === 'string' && input.id) return serviceRequestWorkflowId(input.key ?? input.id);
    } catch {
      // not JSON: use the fallback
    }
  }
  return fallback;
}

/** Reads one exported history (Temporal's JSON: `{ "events": [...] }`). */
export function readHistoryFile(file: string, name = file): HistorySource {
  const history = historyFromJSON(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!history.events?.length) throw new Error('the history has no events');
  return { name, workflowId: workflowIdOf(history, path.basename(file, '.json')), history };
}

/** The .json files a path names: the file itself, or every .json file under the folder (sorted). */
export function historyFiles(target: string): string[] {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return [target];
  return fs
    .readdirSync(target, { withFileTypes: true })
    .flatMap((entry) => {
      const file = path.join(target, entry.name);
      if (entry.isDirectory()) return historyFiles(file);
      return entry.name.endsWith('.json') ? [file] : [];
    })
    .sort();
}

/** A file's name as printed: relative to the working directory when it lies under it. */
export function displayName(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
}

/** Reads files lazily, turning a file that cannot be read into an `UnreadableHistory`. */
export function* readHistoryFiles(files: string[]): Iterable<HistorySource | UnreadableHistory> {
  for (const file of files) {
    const name = displayName(file);
    try {
      yield readHistoryFile(file, name);
    } catch (err) {
      yield { name, unreadable: `not a workflow history: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
}

/**
 * The core's message, without the SDK's preamble: e.g. `Nondeterminism error: Timer machine does not handle this
 * event: HistoryEvent(id: 5, UpsertWorkflowSearchAttributes)`, with the event id when the message has one.
 */
export function describeReplayError(err: unknown): { reason: string; eventId?: number } {
  const message = err instanceof Error ? err.message : String(err);
  const inner = /message: "((?:[^"\\]|\\.)*)"/.exec(message)?.[1] ?? message.replace(/^.*?Details: /s, '');
  const text = inner.replace(/^\[TMPRL\d+\]\s*/, '').replace(/\s+/g, ' ').trim();
  const id = /HistoryEvent\(id: (\d+)/.exec(text) ?? /\bevent(?: id)?[ :#]+(\d+)/i.exec(text);
  const kind = err instanceof DeterminismViolationError ? 'nondeterminism' : 'replay failed';
  const eventId = id ? Number(id[1]) : undefined;
  const where = eventId !== undefined ? ` at event ${eventId}` : '';
  return { reason: `${kind}${where}: ${text.replace(/^Nondeterminism error: /, '')}`, eventId };
}

export interface ReplayOptions {
  /** Look for the diverging event when the SDK does not name it (replays the history cut after each task). */
  locate?: boolean;
  /** The workers' data converter: the key ring of encrypted histories (payloads not encrypted pass through). */
  dataConverter?: DataConverter;
  /** Replay workers run side by side, each taking the next history when done with one; default one per CPU. */
  workers?: number;
}

type Numbered = { index: number; source: HistorySource | UnreadableHistory };
type Settle = (index: number, outcome: ReplayOutcome) => void;

async function* numbered(sources: Iterable<HistorySource | UnreadableHistory> | AsyncIterable<HistorySource | UnreadableHistory>): AsyncGenerator<Numbered> {
  let index = 0;
  for await (const source of sources) yield { index: index++, source };
}

/**
 * Replays every history through `workers` replay workers, yielding one outcome per history (unreadable ones
 * included) in the order of `sources`. Throws only when a replay worker itself fails.
 */
export async function* replayHistories(
  workflowCode: string,
  sources: Iterable<HistorySource | UnreadableHistory> | AsyncIterable<HistorySource | UnreadableHistory>,
  { locate = true, dataConverter, workers = os.availableParallelism() }: ReplayOptions = {},
): AsyncGenerator<ReplayOutcome> {
  const restore = lightReplaySandbox();
  const input = numbered(sources);
  const ready = new Map<number, ReplayOutcome>();
  let wake: (() => void) | undefined;
  let stopped = false;
  let finished: { error?: unknown } | undefined;
  const settle: Settle = (index, outcome) => {
    ready.set(index, outcome);
    wake?.();
  };
  const lanes = Array.from({ length: Math.max(1, workers) }, () => replayLane(workflowCode, input, settle, () => stopped, { locate, dataConverter }));
  void Promise.all(lanes).then(
    () => (finished = {}),
    (error: unknown) => (finished = { error }),
  ).finally(() => wake?.());
  try {
    for (let index = 0; ; index += 1) {
      while (!ready.has(index)) {
        if (finished?.error) throw finished.error;
        if (finished) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
      const outcome = ready.get(index) as ReplayOutcome;
      ready.delete(index);
      yield outcome;
    }
  } finally {
    stopped = true;
    await Promise.allSettled(lanes);
    restore();
  }
}

/** One replay worker taking histories from the shared input until it is exhausted (or the caller stopped). */
async function replayLane(
  workflowCode: string,
  input: AsyncIterator<Numbered>,
  settle: Settle,
  stopped: () => boolean,
  { locate, dataConverter }: ReplayOptions,
): Promise<void> {
  let current: { index: number; source: HistorySource } | undefined;
  async function* feed() {
    while (!stopped()) {
      const next = await input.next();
      if (next.done) return;
      const { index, source } = next.value;
      if ('unreadable' in source) {
        settle(index, { name: source.name, workflowId: '', ok: false, reason: source.unreadable });
        continue;
      }
      current = { index, source };
      yield { workflowId: source.workflowId, history: source.history };
    }
  }
  const results = Worker.runReplayHistories({ workflowBundle: { code: workflowCode }, replayName: 'escalade-replay', dataConverter }, feed());
  for await (const result of results) {
    if (!current) throw new Error(`a replay result for ${result.workflowId} matches no history`);
    const { index, source } = current;
    current = undefined;
    const outcome: ReplayOutcome = {
      name: source.name,
      workflowId: result.workflowId,
      runId: result.runId,
      events: source.history.events?.length,
      ok: !result.error,
    };
    if (result.error) {
      Object.assign(outcome, describeReplayError(result.error), { error: result.error });
      if (locate && outcome.eventId === undefined) {
        const eventId = await locateDivergence(workflowCode, source, outcome.reason ?? '', dataConverter).catch(() => undefined);
        if (eventId !== undefined) {
          outcome.eventId = eventId;
          outcome.reason = outcome.reason?.replace(/^([^:]+):/, `$1 at event ${eventId}:`);
        }
      }
    }
    settle(index, outcome);
  }
}

const EVENT_TYPE = temporal.api.enums.v1.EventType;

/**
 * Finds where a history diverges when the SDK's message names no event (e.g. "Activity type of scheduled event
 * 'x' does not match activity type of activity command 'y'"): replays the history cut after each workflow task
 * start (a cut history replays its last task as new work, so it fails only once it holds the diverging task's
 * commands) and returns the event the message points at within the first failing task's commands, else the
 * first of them.
 */
export async function locateDivergence(
  workflowCode: string,
  source: HistorySource,
  reason: string,
  dataConverter?: DataConverter,
): Promise<number | undefined> {
  const events = source.history.events ?? [];
  const starts = events.flatMap((event, i) => (event.eventType === EVENT_TYPE.EVENT_TYPE_WORKFLOW_TASK_STARTED ? [i] : []));
  const cuts = [...starts.slice(1).map((i) => i + 1), events.length];
  const prefixes = cuts.map((end) => ({ workflowId: source.workflowId, history: { events: events.slice(0, end) } }));
  let failing = -1;
  let index = 0;
  for await (const result of Worker.runReplayHistories({ workflowBundle: { code: workflowCode }, replayName: 'escalade-locate', dataConverter }, prefixes)) {
    if (result.error) {
      failing = index;
      break;
    }
    index += 1;
  }
  if (failing < 0) return undefined;
  // The diverging task started at starts[failing]; its commands follow its WorkflowTaskCompleted event.
  const completed = events.findIndex(
    (event, i) => i > starts[failing] && event.eventType === EVENT_TYPE.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
  );
  if (completed < 0) return undefined;
  const commands = events.slice(completed + 1, cuts[failing]);
  const activityType = /scheduled event '([^']+)'/.exec(reason)?.[1];
  const named = activityType
    ? commands.find((event) => event.activityTaskScheduledEventAttributes?.activityType?.name === activityType)
    : undefined;
  const event = named ?? commands[0] ?? events[completed];
  return event?.eventId === undefined || event.eventId === null ? undefined : Number(event.eventId);
}
