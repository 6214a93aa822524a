// The simulator's public entry for the system tests (test/) and the tools (tools/): its default registration and the
// names and shapes it answers with. main.ts stays the only start; nothing in the simulator imports this file.
export * from './config/simulator-credentials';
export { loadSimulatorConfig, simulatorConfigSchema, type SimulatorConfig } from './config/simulator-config';
export { ENGINEER_NAME } from './answering/support-engineer.service';
export { findSupportTopic } from './support-topics/support-topic.catalogue';
export type { LoggedRequest } from './faults/request-log.service';
export type { FaultWindow } from './faults/fault-windows.service';
