// Public surface of @procountor-bridge/emulator.
export { createCompany } from './companies/create-company';
export type { CreateCompanyInput, CreatedCompany } from './companies/create-company';
export type { EmulatorContext, EmulatorSettings } from './emulator-context';
export { contractViolations, isValidAgainst } from './http/contract-validator';
export { createEmptyState } from './state/emulator-state';
export type { EmulatorState } from './state/emulator-state';
export { startEmulator } from './start-emulator';
export type { RunningEmulator, StartEmulatorOptions } from './start-emulator';
