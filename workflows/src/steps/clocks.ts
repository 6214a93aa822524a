import { proxyLocalActivities } from '@temporalio/workflow';
import type { ServiceRequestActivities } from '../activities';

const { recordTaskTime } = proxyLocalActivities<ServiceRequestActivities>({ startToCloseTimeout: '5 seconds' });

/** Where a step reads the time it branches on (epoch milliseconds). */
export type Clock = () => number | Promise<number>;

/**
 * The workflow task's time, which tickets from before RECORDED_CLOCK_PATCH branched on. A replay may read it later
 * than the live run did (a task retried after a server restart), and take another branch.
 */
export const taskClock: Clock = () => Date.now();

/** The task's time as the run read it, recorded in the history by a local activity: a replay reads the same. */
export const recordedClock: Clock = () => recordTaskTime(Date.now());
