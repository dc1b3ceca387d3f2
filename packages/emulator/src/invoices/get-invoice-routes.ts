// GET /api/invoices/{invoiceId} (one or up to 200 comma-separated ids) and GET /api/invoices (search, paged).
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { findBatch, parseBatchIds } from '../http/batch-ids';
import { pageOf, parsePageRequest } from '../http/paging';
import type { Invoice } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';
import { createdOf } from './invoice-records';
import { searchInvoices } from './search-invoices';

/** The contract's InvoiceBasicInfo: the search result entry. */
export function toInvoiceBasicInfo(company: CompanyData, invoice: Invoice) {
  return {
    id: invoice.id,
    ...(invoice.partnerId !== undefined ? { partnerId: invoice.partnerId } : {}),
    type: invoice.type,
    status: invoice.status,
    invoiceNumber: invoice.invoiceNumber,
    ...(invoice.originalInvoiceNumber !== undefined ? { originalInvoiceNumber: invoice.originalInvoiceNumber } : {}),
    invoiceChannel: invoice.invoiceChannel,
    date: invoice.date,
    dueDate: invoice.paymentInfo.dueDate,
    ...(invoice.paymentInfo.newDueDate !== undefined ? { newDueDate: invoice.paymentInfo.newDueDate } : {}),
    created: createdOf(company, invoice),
    version: invoice.version,
    invoiceSumInfo: invoice.invoiceSumInfo,
    counterParty: invoice.counterParty,
    ...(invoice.isOffer !== undefined ? { isOffer: invoice.isOffer } : {}),
  };
}

export function registerGetInvoiceRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.get<{ Params: { invoiceId: string } }>('/api/invoices/:invoiceId', async (request) => {
    const company = companyOf(request, context);
    // Contract: "Also accepts multiple comma-separated ids. Max 200 ids per request."
    const ids = parseBatchIds(request.params.invoiceId, 'invoiceId');
    return findBatch(ids, (id) => company.invoices.get(id), 'Invoice');
  });

  app.get('/api/invoices', async (request) => {
    const company = companyOf(request, context);
    const query = request.query as Record<string, unknown>;
    const pageRequest = parsePageRequest(query);
    const page = pageOf(searchInvoices(company, query), pageRequest);
    return { results: page.results.map((invoice) => toInvoiceBasicInfo(company, invoice)), meta: page.meta };
  });
}
