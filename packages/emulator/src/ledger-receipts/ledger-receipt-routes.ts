// /ledgerreceipts: GET one or many, search, PUT (accounting of invoices and journals), PUT a transaction's dimensions.
import { validateFinnishVatRate } from '@procountor-bridge/client/finnish';
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import { ledgerAccountVatProblem } from '../companies/finnish-chart-of-accounts';
import type { EmulatorContext } from '../emulator-context';
import { findBatch, parseBatchIds } from '../http/batch-ids';
import { contractViolations } from '../http/contract-validator';
import { pageOf, parsePageRequest } from '../http/paging';
import { type ErrorEntry, ProcountorApiError } from '../http/procountor-error';
import { isSameVersion, nextVersion } from '../http/version-stamp';
import { booleanParam } from '../invoices/search-query';
import { vatStatusProblem } from '../registers/finnish-vat';
import type { LedgerReceipt } from '../state/contract-types';
import { type CompanyData, nextId } from '../state/emulator-state';
import { CLOSED_FISCAL_PERIOD, isInClosedFiscalPeriod } from './fiscal-periods';
import { searchLedgerReceipts, toLedgerReceiptBasicInfo } from './search-ledger-receipts';
import { dimensionProblems } from './validate-dimensions';

type Params = { receiptId: string };
type Transaction = LedgerReceipt['transactions'][number];

/** Contract LedgerReceipt.type: "Types allowed for PUT = JOURNAL, SALES_INVOICE, PURCHASE_INVOICE, TRAVEL_INVOICE, BILL_OF_CHARGES". */
const PUT_TYPES = new Set(['JOURNAL', 'SALES_INVOICE', 'PURCHASE_INVOICE', 'TRAVEL_INVOICE', 'BILL_OF_CHARGES']);

function findReceiptOr404(company: CompanyData, rawId: string): LedgerReceipt {
  const receipt = /^\d+$/.test(rawId) ? company.ledgerReceipts.get(Number(rawId)) : undefined;
  if (!receipt) throw ProcountorApiError.notFound('Ledger receipt');
  return receipt;
}

/** Every problem with a PUT body beyond the schema: type, version, closed period, accounts, VAT and dimensions. */
function receiptProblems(company: CompanyData, current: LedgerReceipt, body: LedgerReceipt): ErrorEntry[] {
  const problems: ErrorEntry[] = [];
  const add = (field: string, message: string) => problems.push({ status: 400, field, message });
  if (!PUT_TYPES.has(current.type)) add('type', `${current.type} ledger receipts cannot be updated`);
  if (body.type !== current.type) add('type', 'the ledger receipt type cannot be changed');
  // Contract LedgerReceipt.version: "it is required to include the latest version timestamp of the receipt".
  if (body.version === undefined) add('version', 'must not be null');
  else if (!isSameVersion(body.version, current.version)) {
    add('version', `VERSION_CONFLICT: the object was modified at ${current.version}; read it again and resend`);
  }
  if (current.status === 'INVALIDATED')
    add('status', 'Invalid ledger receipt status INVALIDATED: it cannot be updated');
  // Contract LedgerReceipt.receiptDate: "Must not be in a closed fiscal period".
  if (isInClosedFiscalPeriod(company, body.receiptDate)) add('receiptDate', CLOSED_FISCAL_PERIOD);
  if (body.periodStartDate && body.periodEndDate && body.periodStartDate > body.periodEndDate) {
    add('periodEndDate', 'must be after periodStartDate');
  }
  const receiptVatProblem = vatStatusProblem(body.vatStatus, body.vatType);
  if (receiptVatProblem) add('vatStatus', receiptVatProblem);
  const accounts = new Set(company.ledgerAccounts.map((account) => account.ledgerAccountCode));
  body.transactions.forEach((transaction, i) => {
    // Contract Transaction.account: "Must be valid for the current Procountor environment".
    if (accounts.size > 0 && !accounts.has(transaction.account)) {
      add(`transactions[${i}].account`, `${transaction.account} is not in the company's chart of accounts`);
    }
    if (transaction.vatStatus !== undefined) {
      const problem = vatStatusProblem(transaction.vatStatus, transaction.vatType ?? body.vatType);
      if (problem) add(`transactions[${i}].vatStatus`, problem);
    }
    const vat = validateFinnishVatRate(transaction.vatPercent, body.receiptDate);
    if (!vat.valid) add(`transactions[${i}].vatPercent`, vat.reason);
    else {
      const accountVat = ledgerAccountVatProblem(transaction.account, transaction.vatPercent);
      if (accountVat) add(`transactions[${i}].vatPercent`, accountVat);
    }
    const values = transaction.dimensionItemValues ?? [];
    problems.push(
      ...dimensionProblems(company, values, transaction.accountingValue, `transactions[${i}].dimensionItemValues`),
    );
  });
  return problems;
}

/**
 * createReconciliation=true: appends a RECONCILIATION_ENTRY that brings net + VAT of all transactions to zero, on the
 * first transaction's account (contract Transaction.transactionType; the account choice is an assumption).
 */
function reconcile(context: EmulatorContext, transactions: Transaction[]): void {
  const total = transactions.reduce((sum, t) => sum + t.accountingValue * (1 + (t.vatPercent ?? 0) / 100), 0);
  const rounded = Math.round(total * 100) / 100;
  if (rounded === 0 || transactions.length === 0) return;
  transactions.push({
    id: nextId(context.state),
    transactionType: 'RECONCILIATION_ENTRY',
    account: transactions[0]!.account,
    accountingValue: -rounded,
    vatPercent: 0,
  });
}

export function registerLedgerReceiptRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.get<{ Params: Params }>('/api/ledgerreceipts/:receiptId', async (request) => {
    const company = companyOf(request, context);
    // Contract: "Also accepts multiple comma-separated ids. Max 200 ids per request."
    const ids = parseBatchIds(request.params.receiptId, 'receiptId');
    return findBatch(ids, (id) => company.ledgerReceipts.get(id), 'Ledger receipt');
  });

  app.get('/api/ledgerreceipts', async (request) => {
    const company = companyOf(request, context);
    const query = request.query as Record<string, unknown>;
    const page = pageOf(searchLedgerReceipts(company, query), parsePageRequest(query));
    return { results: page.results.map((receipt) => toLedgerReceiptBasicInfo(company, receipt)), meta: page.meta };
  });

  app.put<{ Params: Params }>('/api/ledgerreceipts/:receiptId', async (request) => {
    const company = companyOf(request, context);
    const current = findReceiptOr404(company, request.params.receiptId);
    const problems = contractViolations('LedgerReceipt', request.body ?? null);
    const body = request.body as LedgerReceipt;
    if (problems.length === 0) problems.push(...receiptProblems(company, current, body));
    if (problems.length > 0) throw new ProcountorApiError(400, problems);

    const knownIds = new Set(current.transactions.map((t) => t.id));
    const transactions = body.transactions.map((t) => ({
      ...t,
      id: t.id !== undefined && knownIds.has(t.id) ? t.id : nextId(context.state),
    }));
    if (booleanParam(request.query as Record<string, unknown>, 'createReconciliation'))
      reconcile(context, transactions);
    // Generated and linked fields stay Procountor's: id, type, status, invoice link, numbers, attachments.
    const updated: LedgerReceipt = {
      ...body,
      id: current.id,
      type: current.type,
      status: current.status,
      invoiceId: current.invoiceId,
      invoiceNumber: current.invoiceNumber,
      receiptNumber: current.receiptNumber,
      attachments: current.attachments ?? [],
      transactions,
      version: nextVersion(context, current.version),
    };
    company.ledgerReceipts.set(current.id!, updated);
    // Contract LedgerReceipt.invoiceNotes: "Linked to Invoice.notes".
    const invoice = current.invoiceId === undefined ? undefined : company.invoices.get(current.invoiceId);
    if (invoice && body.invoiceNotes !== undefined) invoice.notes = body.invoiceNotes;
    context.markChanged();
    return updated;
  });

  app.put<{ Params: Params & { transactionId: string } }>(
    '/api/ledgerreceipts/:receiptId/transactions/:transactionId/dimensions',
    async (request) => {
      const company = companyOf(request, context);
      const receipt = findReceiptOr404(company, request.params.receiptId);
      const transaction = receipt.transactions.find((t) => String(t.id) === request.params.transactionId);
      if (!transaction) throw ProcountorApiError.notFound('Ledger receipt transaction');
      const problems = contractViolations('DimensionItemValueList', request.body ?? null);
      const values =
        (request.body as { dimensionItemValues: Transaction['dimensionItemValues'] }).dimensionItemValues ?? [];
      if (problems.length === 0) {
        problems.push(...dimensionProblems(company, values, transaction.accountingValue, 'dimensionItemValues'));
      }
      if (!PUT_TYPES.has(receipt.type))
        problems.push({ status: 400, field: 'type', message: `${receipt.type} is not supported` });
      if (problems.length > 0) throw new ProcountorApiError(400, problems);
      // Contract: "Existing dimensions will be replaces with the requested. If empty list provided then dimensions will
      // be removed from transaction."
      transaction.dimensionItemValues = values;
      receipt.version = nextVersion(context, receipt.version);
      context.markChanged();
      return receipt;
    },
  );
}
