// A partner's defaults: dimensions (GET/PUT), products and accounts (GET), and GET /businesspartners/personaldetails.
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import { ACCOUNTS } from '../companies/finnish-chart-of-accounts';
import { registerDefaultDimensionRoutes } from '../dimensions/default-dimensions';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import type { CompanyData } from '../state/emulator-state';

function requirePartner(company: CompanyData, rawId: string) {
  const partner = /^\d+$/.test(rawId) ? company.businessPartners.get(Number(rawId)) : undefined;
  if (!partner) throw ProcountorApiError.notFound('Business partner');
  return partner;
}

function account(company: CompanyData, code: string) {
  return { code, name: company.ledgerAccounts.find((ledger) => ledger.ledgerAccountCode === code)?.name };
}

export function registerPartnerDefaultsRoutes(app: FastifyInstance, context: EmulatorContext): void {
  registerDefaultDimensionRoutes(app, context, {
    prefix: '/api/businesspartners/:id',
    kind: 'partner',
    requireOwner: requirePartner,
  });

  // Default products can only be set in Procountor's UI, so an emulated partner has none.
  app.get('/api/businesspartners/:id/defaults/products', async (request) => {
    requirePartner(companyOf(request, context), (request.params as { id: string }).id);
    return [];
  });

  // Contract: not available for PERSON (404). Assumption: the company's standard accounts with domestic 25.5 % VAT.
  app.get('/api/businesspartners/:id/defaults/accounts', async (request) => {
    const company = companyOf(request, context);
    requirePartner(company, (request.params as { id: string }).id);
    return {
      vatPercent: 25.5,
      vatDeduction: 100,
      vatStatus: 1,
      vatProcessing: 'NORMAL',
      combineInvoiceRows: false,
      salesInvoiceAccounts: {
        debitAccount: account(company, ACCOUNTS.receivables),
        creditAccount: account(company, ACCOUNTS.sales255),
      },
      purchaseInvoiceAccounts: {
        debitAccount: account(company, ACCOUNTS.purchases255),
        creditAccount: account(company, ACCOUNTS.payables),
      },
    };
  });

  // The API key belongs to a technical API user with no person record (assumption), so Procountor's 404 applies.
  app.get('/api/businesspartners/personaldetails', async (request) => {
    companyOf(request, context);
    throw ProcountorApiError.notFound('Person');
  });
}
