// What the API answers, shared with its clients (the console): types and constants only.
export * from './alerts';
export * from './api-keys';
export * from './auth';
export * from './eligibility';
export * from './items';
export * from './tickets';
export * from './timeline';
export type { DurationPercentiles, SlaCounts, SlaGrouping, SlaMeasureGroup, SlaMeasures, SlaSummary } from '@escalade/domain';
export type { SlaReport } from './reports';
