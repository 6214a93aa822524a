// Temporal's JSON form of a workflow history (the format of the Web UI's and the CLI's downloads), both ways.
//
// The SDK's `historyToJSON` / `historyFromJSON` (@temporalio/common/lib/proto-utils) are used when they work.
// In this install they throw "type must be a Type": @temporalio/common and @temporalio/proto each got their own
// copy of protobufjs 8 (the root node_modules holds protobufjs 7 for another package), and protobufjs's
// `protojson` checks `type instanceof Type` against its own copy. The fallback below is the SDK's code with
// `protojson` taken from the protobufjs copy that @temporalio/proto itself uses, both loaded through one Node
// `require`, so the check holds (also under Jest, whose module registry is separate from Node's).
import { createRequire } from 'node:module';
import * as sdk from '@temporalio/common/lib/proto-utils';
import type { temporal } from '@temporalio/proto';

export type History = temporal.api.history.v1.IHistory;

interface ProtoJsonApi {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

interface Fallback {
  toJSON(history: History): string;
  fromJSON(json: unknown): History;
}

let fallback: Fallback | undefined;

function isDuplicateProtobuf(err: unknown): boolean {
  return err instanceof TypeError && err.message === 'type must be a Type';
}

function loadFallback(): Fallback {
  if (fallback) return fallback;
  const protoRequire = createRequire(require.resolve('@temporalio/proto/package.json'));
  const proto = protoRequire('@temporalio/proto');
  const { patchProtobufRoot } = protoRequire('@temporalio/proto/lib/patch-protobuf-root');
  const protojson: ProtoJsonApi = protoRequire('protobufjs/ext/protojson');
  const historyType = patchProtobufRoot(proto).lookupType('temporal.api.history.v1.History');
  fallback = {
    toJSON: (history) =>
      JSON.stringify(protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)), null, 2),
    fromJSON: (json) => {
      const loaded = protojson.fromJson(historyType, fixHistory(json), { ignoreUnknownFields: true });
      if (loaded === null) throw new TypeError('Invalid history');
      return loaded as History;
    },
  };
  return fallback;
}

/** Temporal's JSON export of a history, as a string (`JSON.parse` it to pretty-print). */
export function historyToJSON(history: History): string {
  try {
    return sdk.historyToJSON(history as Parameters<typeof sdk.historyToJSON>[0]);
  } catch (err) {
    if (!isDuplicateProtobuf(err)) throw err;
    return loadFallback().toJSON(history);
  }
}

/** A history from its JSON export (already parsed), ready for `Worker.runReplayHistory`. */
export function historyFromJSON(json: unknown): History {
  try {
    return sdk.historyFromJSON(json);
  } catch (err) {
    if (!isDuplicateProtobuf(err)) throw err;
    return loadFallback().fromJSON(json);
  }
}

// --- from @temporalio/common/lib/proto-utils (MIT): older exports name enum values in PascalCase ------------

type Json = Record<string, unknown>;

function pascalCaseToConstantCase(s: string): string {
  return s.replace(/[^\b][A-Z]/g, (m) => `${m[0]}_${m[1]}`).toUpperCase();
}

function fixEnumValue(obj: Json, attr: string, prefix: string): Json | undefined {
  const value = obj[attr];
  if (typeof value !== 'string' || !value) return undefined;
  return { [attr]: value.startsWith(prefix) ? value : `${prefix}_${pascalCaseToConstantCase(value)}` };
}

function fixHistoryEvent(e: Json): Json {
  const type = Object.keys(e).find((k) => k.endsWith('EventAttributes'));
  if (!type) throw new TypeError(`Missing attributes in history event: ${JSON.stringify(e)}`);
  const attributes = e[type] as Json;
  const taskQueue = attributes.taskQueue as Json | undefined;
  const childFailure = attributes.childWorkflowExecutionFailureInfo as Json | undefined;
  return {
    ...e,
    ...fixEnumValue(e, 'eventType', 'EVENT_TYPE'),
    [type]: {
      ...attributes,
      ...(taskQueue && { taskQueue: { ...taskQueue, ...fixEnumValue(taskQueue, 'kind', 'TASK_QUEUE_KIND') } }),
      ...fixEnumValue(attributes, 'parentClosePolicy', 'PARENT_CLOSE_POLICY'),
      ...fixEnumValue(attributes, 'workflowIdReusePolicy', 'WORKFLOW_ID_REUSE_POLICY'),
      ...fixEnumValue(attributes, 'initiator', 'CONTINUE_AS_NEW_INITIATOR'),
      ...fixEnumValue(attributes, 'retryState', 'RETRY_STATE'),
      ...(childFailure && {
        childWorkflowExecutionFailureInfo: { ...childFailure, ...fixEnumValue(childFailure, 'retryState', 'RETRY_STATE') },
      }),
    },
  };
}

function fixHistory(history: unknown): Json {
  if (typeof history !== 'object' || history === null || !Array.isArray((history as Json).events)) {
    throw new TypeError('Invalid history, expected an object with an array of events');
  }
  return { events: ((history as Json).events as Json[]).map(fixHistoryEvent) };
}
