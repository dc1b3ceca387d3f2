// GET/POST /bankaccounts and GET/PUT /bankaccounts/{id}: the company's own bank accounts (contract CompanyBankAccount).

import { validateIban } from '@procountor-bridge/client/finnish';
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { orderAndSkipToPreviousId, pageOf, parseIdOrder, parseIntegerParam, parsePageRequest } from '../http/paging';
import { ProcountorApiError } from '../http/procountor-error';
import { fieldProblem, requireValidBody } from '../http/validate-body';
import { nextVersion, requireCurrentVersion } from '../http/version-stamp';
import type { BankAccount } from '../state/contract-types';
import { type CompanyData, nextId } from '../state/emulator-state';
import { finnishBic } from './finnish-bic';

function toBasicInfo(account: BankAccount) {
  const { id, accountNumber, iban, bic, bankName, currency, defaultForInvoice, defaultForPayment, status, orderNo } =
    account;
  return {
    id,
    accountNumber,
    iban,
    bic,
    bankName,
    currency,
    defaultForInvoice,
    defaultForPayment,
    status,
    orderNo,
    version: account.version,
  };
}

function findAccount(company: CompanyData, rawId: string): BankAccount {
  const account = company.bankAccounts.find((candidate) => String(candidate.id) === rawId);
  if (!account) throw ProcountorApiError.notFound('Bank account');
  return account;
}

/** Contract: "If set to INACTIVE then all properties will be set to false"; only one default per purpose. */
function applyFlags(company: CompanyData, account: BankAccount): void {
  if (account.status === 'INACTIVE') {
    for (const flag of [
      'defaultForInvoice',
      'defaultForPayment',
      'showAccountOnInvoice',
      'allowPayments',
      'allowForeignPayments',
      'allowSalaryPayments',
      'allowExpressPayments',
    ] as const) {
      account[flag] = false;
    }
  }
  for (const other of company.bankAccounts) {
    if (other.id === account.id) continue;
    if (account.defaultForInvoice) other.defaultForInvoice = false;
    if (account.defaultForPayment) other.defaultForPayment = false;
  }
}

export function registerBankAccountRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.get('/api/bankaccounts', async (request) => {
    const company = companyOf(request, context);
    const query = request.query as Record<string, unknown>;
    const pageRequest = parsePageRequest(query);
    const previousId = parseIntegerParam(query, 'previousId');
    let accounts: BankAccount[];
    if (query.orderById !== undefined) {
      accounts = orderAndSkipToPreviousId(
        company.bankAccounts,
        (account) => account.id!,
        parseIdOrder(query, 'ASC'),
        previousId,
      );
    } else {
      // Default order: by order number ascending (contract orderByOrderNo default ASC); previousId must then exist (404).
      const order = parseIdOrder(query, 'ASC', 'orderByOrderNo');
      accounts = [...company.bankAccounts].sort(
        (a, b) => (order === 'ASC' ? 1 : -1) * ((a.orderNo ?? 0) - (b.orderNo ?? 0)),
      );
      if (previousId !== undefined) {
        const index = accounts.findIndex((account) => account.id === previousId);
        if (index < 0) throw ProcountorApiError.notFound('Bank account given as previousId');
        accounts = accounts.slice(index + 1);
      }
    }
    const page = pageOf(accounts, pageRequest);
    return { results: page.results.map(toBasicInfo), meta: page.meta };
  });

  app.get('/api/bankaccounts/:id', async (request) =>
    findAccount(companyOf(request, context), (request.params as { id: string }).id),
  );

  app.post('/api/bankaccounts', async (request) => {
    const company = companyOf(request, context);
    const body = request.body as BankAccount;
    const ibanProblems =
      body && typeof body.iban === 'string' && !validateIban(body.iban).valid
        ? [fieldProblem('iban', 'INVALID_IBAN')]
        : [];
    requireValidBody('CompanyBankAccount', body, ibanProblems);
    const iban = body.iban.replace(/\s+/g, '').toUpperCase();
    if (company.bankAccounts.some((account) => account.iban === iban)) {
      throw ProcountorApiError.single(409, 'Bank account already in use', 'iban');
    }
    const nowIso = nextVersion(context);
    const account: BankAccount = {
      ...body,
      id: nextId(context.state),
      iban,
      accountNumber: iban.slice(4),
      bic: body.bic ?? finnishBic(iban),
      orderNo: Math.max(0, ...company.bankAccounts.map((other) => other.orderNo ?? 0)) + 1,
      version: nowIso,
      created: nowIso,
    };
    applyFlags(company, account);
    company.bankAccounts.push(account);
    context.markChanged();
    return account;
  });

  app.put('/api/bankaccounts/:id', async (request) => {
    const company = companyOf(request, context);
    const current = findAccount(company, (request.params as { id: string }).id);
    const body = request.body as BankAccount;
    requireValidBody('CompanyBankAccount', body);
    // Contract: the IBAN and the currency "cannot be changed once created"; version is required (optimistic lock).
    const problems = [];
    if (body.iban.replace(/\s+/g, '').toUpperCase() !== current.iban)
      problems.push(fieldProblem('iban', 'cannot be changed once created'));
    if (body.currency !== current.currency) problems.push(fieldProblem('currency', 'cannot be changed once created'));
    if (problems.length > 0) throw new ProcountorApiError(400, problems);
    requireCurrentVersion(body.version, current.version);
    const updated: BankAccount = {
      ...body,
      id: current.id,
      iban: current.iban,
      accountNumber: current.accountNumber,
      created: current.created,
      orderNo: body.orderNo ?? current.orderNo,
      version: nextVersion(context, current.version),
    };
    applyFlags(company, updated);
    company.bankAccounts[company.bankAccounts.indexOf(current)] = updated;
    context.markChanged();
    return updated;
  });
}
