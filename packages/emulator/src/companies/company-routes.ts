// GET/PUT /company, its settings sub-resources, GET /sessioninfo and GET /status (contract: Company, SessionInfo, Status).
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import { requireValidBody } from '../http/validate-body';
import type { Company } from '../state/contract-types';
import { registerBankAccountRoutes } from './bank-account-routes';

/** GET /status answers the API version this emulator follows (contract 26.04). */
export const API_VERSION = '26.04';

/** Incoterms 2020 (assumption: Procountor offers these delivery terms; the contract gives only a string list). */
const DELIVERY_TERMS = ['EXW', 'FCA', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP', 'FAS', 'FOB', 'CFR', 'CIF'];

export function registerCompanyRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.get('/api/status', async () => ({
    name: 'Procountor API (emulator)',
    version: API_VERSION,
    status: 'OK',
    procountorVersion: API_VERSION,
  }));

  app.get('/api/company', async (request) => companyOf(request, context).info);

  app.put('/api/company', async (request) => {
    const company = companyOf(request, context);
    requireValidBody('Company', request.body);
    const body = request.body as Company;
    if (body.id !== company.id)
      throw ProcountorApiError.badRequest('id', `must be the current company's id ${company.id}`);
    // The business ID, currency and product version are Procountor's to change (assumption): only the rest is taken.
    const { businessIdentifier: _id, companyCurrency: _currency, productVersion: _product, ...changes } = body;
    company.info = { ...company.info, ...changes };
    context.markChanged();
    return { message: 'Company info updated' };
  });

  app.get('/api/company/usagesettings', async (request) => companyOf(request, context).usageSettings);

  // The company's own e-invoice address is its OVT: 0037 + business ID without the hyphen (assumption: operator Maventa).
  app.get('/api/company/einvoiceaddresses', async (request) => {
    const company = companyOf(request, context);
    const ovt = `0037${(company.info.businessIdentifier?.code ?? '').replace('-', '')}`;
    return {
      operator: 'Maventa',
      operatorId: 3721291126,
      sendingAddress: ovt,
      receivingAddress: ovt,
      receivingAddressPublicInTieke: true,
      edi: ovt,
      created: company.fiscalYears.at(-1)?.modified?.slice(0, 10),
      creator: 'Procountor',
    };
  });

  // Contract: the description says "a list of invoice templates", but the 200 schema is one InvoiceTemplate object;
  // we follow the schema (as for einvoiceaddresses) and answer the company's one template.
  app.get('/api/company/invoicetemplates', async (request) => {
    const company = companyOf(request, context);
    return { id: company.id * 10 + 1, name: 'Procountor lasku' };
  });

  app.get('/api/company/deliveryterms', async (request) => {
    companyOf(request, context);
    return { deliveryTerms: DELIVERY_TERMS };
  });

  app.get('/api/sessioninfo', async (request) => {
    const company = companyOf(request, context);
    const token = request.procountorToken!;
    return {
      companyId: company.id,
      name: company.info.name,
      country: company.info.country,
      productVersion: company.info.productVersion,
      // The API key's user: a technical user per integrator client (assumption: a stable id derived from the company).
      userId: company.id * 10,
      userName: `API user ${token.clientId}`,
      companySettings: { invoiceDiscussionEnabled: true },
    };
  });

  registerBankAccountRoutes(app, context);
}
