import type { ExpectedStreamVersion } from './types';

/** The stream was not at the version the writer expected: someone else appended first. */
export class StreamVersionConflictError extends Error {
  override readonly name = 'StreamVersionConflictError';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedStreamVersion,
    readonly actual: number,
  ) {
    super(`Stream ${streamId} was expected at version ${describe(expected)} but is at version ${actual}`);
  }
}

/**
 * An event id of the batch is already stored in another stream, with another type or other data, or the batch mixes
 * already-stored ids with new ones. A retry must resend exactly the batch it sent before.
 */
export class EventIdReuseError extends Error {
  override readonly name = 'EventIdReuseError';

  constructor(
    readonly streamId: string,
    /** The ids of the batch that are already stored. */
    readonly eventIds: string[],
    reason: string,
  ) {
    super(`Cannot append to stream ${streamId}: ${reason} (event ids ${eventIds.join(', ')})`);
  }
}

function describe(expected: ExpectedStreamVersion): string {
  return typeof expected === 'number' ? String(expected) : `'${expected}'`;
}
