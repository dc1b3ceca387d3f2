// Public surface of @procountor-bridge/bridge: start the service from code, and the types the console and tests share.
export type { ApiTokenRecord, ApiTokenService } from './api-tokens/api-token-service';
export type { BridgeServices, RouteModuleFactory, WorkerStarter } from './composition/bridge-services';
export {
  type Bridge,
  type CreateBridgeOptions,
  createBridge,
  ROUTE_MODULES,
  WORKER_STARTERS,
} from './composition/create-bridge';
export { applyProcessHeapSettings, HEAP_GROWING_PERCENT } from './composition/process-heap-settings';
export { type BridgeConfig, ConfigError, loadConfig } from './config/load-config';
export { ACTIVATION_STEPS, type ActivationStep, activationStepsFor } from './connections/activation-steps';
export type { ConnectionRecord, ConnectionService, ConnectionStatus } from './connections/connection-record';
export type { ConnectionResponse } from './connections/connection-schemas';
export type { ConnectionAdministration } from './connections/connection-service';
export {
  type ConnectionSettings,
  ConnectionSettingsSchema,
  SETTING_DESCRIPTIONS,
} from './connections/connection-settings';
export type { ApiErrorBody, ErrorDetail } from './errors/bridge-error';
