// The /_emulator admin surface: test set-up, faults, settings, request log, reset. It needs no bearer token.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';
import { registerCompanyAdminRoutes } from './company-admin-routes';
import { registerFaultAdminRoutes } from './fault-admin-routes';
import { registerRequestLogAdminRoutes } from './request-log-admin-routes';
import { registerSettingsAdminRoutes } from './settings-admin-routes';
import { registerStateAdminRoutes } from './state-admin-routes';

export function registerAdminRoutes(app: FastifyInstance, context: EmulatorContext): void {
  registerCompanyAdminRoutes(app, context);
  registerFaultAdminRoutes(app, context);
  registerSettingsAdminRoutes(app, context);
  registerRequestLogAdminRoutes(app, context);
  registerStateAdminRoutes(app, context);
}
