// Public surface of @procountor-bridge/emulator.

export type { CreateCompanyInput, CreatedCompany } from './companies/create-company';
export { createCompany } from './companies/create-company';
export { DEMO_CLIENT_ID, seedDemoCompany } from './companies/demo-seed';
export type { EmulatorContext, EmulatorSettings } from './emulator-context';
export type { FaultKind, FaultRule } from './faults/fault-rules';
export { FAULT_KINDS } from './faults/fault-rules';
export { contractViolations, isValidAgainst } from './http/contract-validator';
export type { RequestLogEntry } from './request-log/request-log';
export type { RunningEmulator, StartEmulatorOptions } from './start-emulator';
export { startEmulator } from './start-emulator';
export type { EmulatorState } from './state/emulator-state';
export { createEmptyState } from './state/emulator-state';
export { saveStateFile } from './state/state-snapshot';
