// GET /api/invoices/{id}/transactions and GET /api/invoices/transactions?invoiceIds=…: each invoice's action history.
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { MAX_BATCH_IDS } from '../http/batch-ids';
import { ProcountorApiError } from '../http/procountor-error';
import { findInvoiceOr404, historyOf } from './invoice-records';
import { listParam } from './search-query';

export function registerInvoiceTransactionRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.get<{ Params: { invoiceId: string } }>('/api/invoices/:invoiceId/transactions', async (request) => {
    const company = companyOf(request, context);
    const invoice = findInvoiceOr404(company, request.params.invoiceId);
    return { transactions: historyOf(company, invoice.id!) };
  });

  app.get('/api/invoices/transactions', async (request) => {
    const company = companyOf(request, context);
    const raw = listParam(request.query as Record<string, unknown>, 'invoiceIds');
    if (!raw) throw ProcountorApiError.badRequest('invoiceIds', 'must not be null');
    // Contract: "List of invoice IDs (max 200) as repeated query parameters".
    if (raw.length > MAX_BATCH_IDS) throw ProcountorApiError.badRequest('invoiceIds', `at most ${MAX_BATCH_IDS} ids`);
    if (raw.some((id) => !/^\d+$/.test(id))) throw ProcountorApiError.badRequest('invoiceIds', 'must be integer ids');
    const results = raw
      .map(Number)
      .filter((id) => company.invoices.has(id))
      .map((invoiceId) => ({ invoiceId, transactions: historyOf(company, invoiceId) }));
    // Contract 404: "Invoice or invoice transactions not found".
    if (results.length === 0) throw ProcountorApiError.notFound('Invoice');
    return { results };
  });
}
