// /businesspartners: create, batch read, replace (PUT), partial update (PATCH with version) and search.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { findBatch, parseBatchIds } from '../http/batch-ids';
import { pageOf, parseBooleanParam, parseIdOrder, parseIntegerParam, parsePageRequest } from '../http/paging';
import { ProcountorApiError } from '../http/procountor-error';
import { requireValidBody } from '../http/validate-body';
import { nextVersion, parseDateTimeParam, requireCurrentVersion } from '../http/version-stamp';
import { checkEnumParam } from '../invoices/search-query';
import type { BusinessPartner } from '../state/contract-types';
import { type CompanyData, nextId } from '../state/emulator-state';
import { presentPartner, toStoredPartner } from './business-partner-records';
import { registerPartnerDefaultsRoutes } from './partner-defaults-routes';
import { PARTNER_TYPES, registerPartnerGroupRoutes } from './partner-group-routes';
import { searchBusinessPartners } from './search-business-partners';
import { businessPartnerProblems } from './validate-business-partner';

/** Header values arrive as Latin-1; a percent-encoded value (for UTF-8 names) is decoded (assumption). */
function headerValue(request: FastifyRequest, name: string): string | undefined {
  const raw = request.headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return undefined;
  try {
    return /%[0-9A-Fa-f]{2}/.test(value) ? decodeURIComponent(value) : value;
  } catch {
    return value;
  }
}

export function findPartner(company: CompanyData, rawId: string): BusinessPartner {
  const partner = /^\d+$/.test(rawId) ? company.businessPartners.get(Number(rawId)) : undefined;
  if (!partner) throw ProcountorApiError.notFound('Business partner');
  return partner;
}

/** Validates a complete partner (schema + Procountor's rules) and stores it under `id`. */
function storePartner(
  context: EmulatorContext,
  company: CompanyData,
  body: BusinessPartner,
  id: number,
  previousVersion?: string,
) {
  requireValidBody(
    'BusinessPartner',
    body,
    body && typeof body === 'object' ? businessPartnerProblems({ ...body, id }, company) : [],
  );
  const stored = toStoredPartner(context.state, company, body, id, nextVersion(context, previousVersion));
  company.businessPartners.set(id, stored);
  context.markChanged();
  return presentPartner(stored, company);
}

export function registerBusinessPartnerRoutes(app: FastifyInstance, context: EmulatorContext): void {
  // Static paths first in the file for readers; Fastify prefers them over /:id regardless of order.
  registerPartnerGroupRoutes(app, context);
  registerPartnerDefaultsRoutes(app, context);

  app.post('/api/businesspartners', async (request) => {
    const company = companyOf(request, context);
    return storePartner(context, company, request.body as BusinessPartner, nextId(context.state));
  });

  // Contract + FACTS.md "Batch GET": up to 200 comma-separated ids; unknown ones left out, all unknown → 404.
  app.get('/api/businesspartners/:id', async (request) => {
    const company = companyOf(request, context);
    const ids = parseBatchIds((request.params as { id: string }).id);
    return findBatch(
      ids,
      (id) => {
        const partner = company.businessPartners.get(id);
        return partner ? presentPartner(partner, company) : undefined;
      },
      'Business partner',
    );
  });

  // Contract: PUT "replaces all the details of an existing business partner" (no version needed).
  app.put('/api/businesspartners/:id', async (request) => {
    const company = companyOf(request, context);
    const current = findPartner(company, (request.params as { id: string }).id);
    return storePartner(context, company, request.body as BusinessPartner, current.id!, current.version);
  });

  // Contract: PATCH updates only id, name, type (CUSTOMER/SUPPLIER), address, invoicingInfo and paymentInfo and needs
  // `version` (query or body); other fields in the body are ignored (assumption).
  app.patch('/api/businesspartners/:id', async (request) => {
    const company = companyOf(request, context);
    const current = findPartner(company, (request.params as { id: string }).id);
    const body = (request.body ?? {}) as Partial<BusinessPartner>;
    if (typeof body !== 'object' || Array.isArray(body))
      throw ProcountorApiError.badRequest(undefined, 'the request body must be a JSON object');
    requireCurrentVersion(body.version ?? (request.query as { version?: string }).version, current.version);
    const merged: BusinessPartner = {
      ...current,
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.type !== undefined ? { type: body.type } : {}),
      ...(body.address ? { address: { ...current.address, ...body.address } } : {}),
      ...(body.invoicingInfo ? { invoicingInfo: { ...current.invoicingInfo, ...body.invoicingInfo } } : {}),
      ...(body.paymentInfo ? { paymentInfo: { ...current.paymentInfo, ...body.paymentInfo } } : {}),
    };
    const { version: _version, ...withoutVersion } = merged;
    return storePartner(context, company, withoutVersion, current.id!, current.version);
  });

  app.get('/api/businesspartners', async (request) => {
    const company = companyOf(request, context);
    const query = request.query as Record<string, string | undefined>;
    const pageRequest = parsePageRequest(query);
    checkEnumParam('type', query.type, PARTNER_TYPES);
    const matching = searchBusinessPartners(company, {
      type: query.type,
      customerNumber: query.customerNumber,
      identifierType: query.identifierType,
      mainGroup: query.mainGroup,
      partnerGroup: query.partnerGroup,
      active: parseBooleanParam(query, 'active') ?? true,
      versionStartMs: parseDateTimeParam(query, 'versionStartDate'),
      versionEndMs: parseDateTimeParam(query, 'versionEndDate'),
      orderById: parseIdOrder(query, 'DESC'),
      previousId: parseIntegerParam(query, 'previousId'),
      name: headerValue(request, 'name'),
      identifier: headerValue(request, 'identifier'),
    });
    return pageOf(matching, pageRequest);
  });
}
