// POST /api/invoices: validates like Procountor, then stores an UNFINISHED invoice with its number, sums and receipt.
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import { createInvoiceLedgerReceipt } from '../ledger-receipts/invoice-ledger-receipt';
import type { Invoice } from '../state/contract-types';
import { type CompanyData, nextId } from '../state/emulator-state';
import { takeInvoiceNumber } from './invoice-numbering';
import { nextVersion, recordCreated, recordHistory, storeInvoice } from './invoice-records';
import type { InvoiceStatus } from './invoice-types';
import { prepareInvoice } from './prepare-invoice';
import { invoiceViolations } from './validate-invoice';

/**
 * Stores a validated invoice body as a new invoice: the next number of its type's series in the company
 * (invoice-numbering.ts), a version, sums and a linked ledger receipt. Shared by POST /api/invoices (status UNFINISHED,
 * FACTS.md) and the admin's supplier-sent purchase invoices (status RECEIVED).
 */
export function insertInvoice(
  context: EmulatorContext,
  company: CompanyData,
  body: Invoice,
  status: InvoiceStatus,
): Invoice {
  const version = nextVersion(context, company);
  const invoice = prepareInvoice(context, company, body, {
    id: nextId(context.state),
    invoiceNumber: takeInvoiceNumber(company, body.type),
    status,
    version,
  });
  storeInvoice(company, invoice);
  createInvoiceLedgerReceipt(context, company, invoice);
  recordCreated(company, invoice.id!, version);
  recordHistory(
    context,
    company,
    invoice.id!,
    status === 'RECEIVED' ? 'RECEIVED_VIA_AUTOMATIC_TRANSFER' : 'UNFINISHED',
    'API',
  );
  context.markChanged();
  return invoice;
}

export function registerCreateInvoiceRoute(app: FastifyInstance, context: EmulatorContext): void {
  app.post('/api/invoices', async (request) => {
    const company = companyOf(request, context);
    const problems = invoiceViolations(company, request.body, 'create');
    if (problems.length > 0) throw new ProcountorApiError(400, problems);
    return insertInvoice(context, company, request.body as Invoice, 'UNFINISHED');
  });
}
