// Registers every emulated part of Procountor's API and the /_emulator admin surface.
import type { FastifyInstance } from 'fastify';
import { registerAdminRoutes } from './admin/admin-routes';
import { registerAttachmentRoutes } from './attachments/attachment-routes';
import { registerTokenRoute } from './auth/token-route';
import { registerBusinessPartnerRoutes } from './business-partners/business-partner-routes';
import { registerCompanyRoutes } from './companies/company-routes';
import { registerDimensionRoutes } from './dimensions/dimension-routes';
import type { EmulatorContext } from './emulator-context';
import { registerIntegrationRoutes } from './integrations/integration-routes';
import { registerInvoiceRoutes } from './invoices/invoice-routes';
import { registerLedgerReceiptRoutes } from './ledger-receipts/ledger-receipt-routes';
import { registerPaymentRoutes } from './payments/payment-routes';
import { registerPersonRoutes } from './persons/person-routes';
import { registerProductRoutes } from './products/product-routes';
import { registerRegisterRoutes } from './registers/register-routes';
import { registerWebhookRoutes } from './webhooks/webhook-routes';

export function registerRoutes(app: FastifyInstance, context: EmulatorContext): void {
  registerTokenRoute(app, context);
  registerCompanyRoutes(app, context);
  registerRegisterRoutes(app, context);
  registerBusinessPartnerRoutes(app, context);
  registerProductRoutes(app, context);
  registerDimensionRoutes(app, context);
  registerPersonRoutes(app, context);
  registerIntegrationRoutes(app, context);
  registerInvoiceRoutes(app, context);
  registerLedgerReceiptRoutes(app, context);
  registerPaymentRoutes(app, context);
  registerAttachmentRoutes(app, context);
  registerWebhookRoutes(app, context);
  registerAdminRoutes(app, context);
}
