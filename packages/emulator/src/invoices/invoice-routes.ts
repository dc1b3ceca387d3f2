// Registers Procountor's /invoices API (one module per operation group) and the invoice admin paths.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../emulator-context';
import { registerCommentRoutes } from './comment-routes';
import { registerCreateInvoiceRoute } from './create-invoice-route';
import { registerGetInvoiceRoutes } from './get-invoice-routes';
import { registerInvoiceActionRoutes } from './invoice-action-routes';
import { registerInvoiceAdminRoutes } from './invoice-admin-routes';
import { registerInvoiceTransactionRoutes } from './invoice-transaction-routes';
import { registerPaymentEventRoutes } from './payment-event-routes';
import { registerUpdateInvoiceRoute } from './update-invoice-route';

export function registerInvoiceRoutes(app: FastifyInstance, context: EmulatorContext): void {
  registerCreateInvoiceRoute(app, context);
  registerGetInvoiceRoutes(app, context);
  registerUpdateInvoiceRoute(app, context);
  registerInvoiceActionRoutes(app, context);
  registerPaymentEventRoutes(app, context);
  registerCommentRoutes(app, context);
  registerInvoiceTransactionRoutes(app, context);
  registerInvoiceAdminRoutes(app, context);
}
