// /products: search (previousId keyset, filters, versions), batch GET, POST, PUT, DELETE, groups and default dimensions.
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import { registerDefaultDimensionRoutes } from '../dimensions/default-dimensions';
import type { EmulatorContext } from '../emulator-context';
import { findBatch, parseBatchIds } from '../http/batch-ids';
import {
  DEFAULT_PAGE_SIZE,
  orderAndSkipToPreviousId,
  pageOf,
  parseBooleanParam,
  parseIdOrder,
  parseIntegerParam,
  parsePageRequest,
} from '../http/paging';
import { ProcountorApiError } from '../http/procountor-error';
import { requireValidBody } from '../http/validate-body';
import { nextVersion, parseDateTime, parseDateTimeParam } from '../http/version-stamp';
import { checkEnumParam } from '../invoices/search-query';
import type { Product } from '../state/contract-types';
import { type CompanyData, nextId } from '../state/emulator-state';
import { PRODUCT_TYPES, registerProductGroupRoutes } from './product-group-routes';
import { presentProduct, productProblems, storeProduct } from './product-records';

type Query = Record<string, string | string[] | undefined>;

function findProduct(company: CompanyData, rawId: string): Product {
  const product = /^\d+$/.test(rawId) ? company.products.get(Number(rawId)) : undefined;
  if (!product) throw ProcountorApiError.notFound('Product');
  return product;
}

function validated(company: CompanyData, body: unknown): Product {
  requireValidBody('Product', body, body && typeof body === 'object' ? productProblems(body as Product, company) : []);
  const { id: _id, version: _version, ...product } = body as Product;
  return product as Product;
}

function searchProducts(company: CompanyData, query: Query): Product[] {
  const single = (name: string) => (Array.isArray(query[name]) ? query[name][0] : query[name]) as string | undefined;
  const type = single('type');
  // Contract: `type` is an enum; an unknown value is refused like other enum filters (README "Shared mechanics").
  checkEnumParam('type', type, PRODUCT_TYPES);
  // Contract: "If not given, then SALES and PURCHASE returned as default".
  const types = type ? [type] : ['SALES', 'PURCHASE'];
  const groups = [query.group ?? []]
    .flat()
    .flatMap((value) => String(value).split(','))
    .filter(Boolean)
    .map(Number);
  const active = parseBooleanParam(query, 'active');
  const versionStart = parseDateTimeParam(query, 'versionStartDate');
  const versionEnd = parseDateTimeParam(query, 'versionEndDate');
  const name = single('name')?.toLowerCase();
  const code = single('code')?.toLowerCase();
  const startDate = single('startDate');
  const endDate = single('endDate');
  const matching = [...company.products.values()].filter((product) => {
    const versionMs = parseDateTime(product.version ?? '') ?? 0;
    if (!types.includes(product.type)) return false;
    if (groups.length > 0 && !groups.includes(product.productGroupId ?? -1)) return false;
    if (active !== undefined && product.active !== active) return false;
    if (versionStart !== undefined && versionMs < versionStart) return false;
    if (versionEnd !== undefined && versionMs > versionEnd) return false;
    // Contract: name and code are "matched by substring".
    if (name && !product.name.toLowerCase().includes(name)) return false;
    if (code && !(product.code ?? '').toLowerCase().includes(code)) return false;
    // Contract: startDate/endDate are used by TRAVEL products only (active after / activated before).
    if (product.type === 'TRAVEL' && startDate && product.endDate && product.endDate < startDate) return false;
    if (product.type === 'TRAVEL' && endDate && product.startDate && product.startDate > endDate) return false;
    return true;
  });
  if (query.orderByVersion) {
    const order = parseIdOrder(query, 'ASC', 'orderByVersion');
    return matching.sort((a, b) => (order === 'ASC' ? 1 : -1) * (a.version ?? '').localeCompare(b.version ?? ''));
  }
  // Contract: "starting from previousId" (default 0), so ids ascend unless orderById says otherwise.
  return orderAndSkipToPreviousId(
    matching,
    (product) => product.id!,
    parseIdOrder(query, 'ASC'),
    parseIntegerParam(query, 'previousId'),
  );
}

export function registerProductRoutes(app: FastifyInstance, context: EmulatorContext): void {
  registerProductGroupRoutes(app, context);
  registerDefaultDimensionRoutes(app, context, {
    prefix: '/api/products/:id',
    kind: 'product',
    requireOwner: findProduct,
  });

  // The contract offers no `page` here: paging is by previousId + size only (page stays 0 in meta).
  app.get('/api/products', async (request) => {
    const company = companyOf(request, context);
    const query = request.query as Query;
    const { size } = parsePageRequest({ size: query.size ?? String(DEFAULT_PAGE_SIZE) });
    const includeLocalizations = parseBooleanParam(query, 'includeLocalizations') ?? false;
    const page = pageOf(searchProducts(company, query), { page: 0, size });
    return { results: page.results.map((product) => presentProduct(product, includeLocalizations)), meta: page.meta };
  });

  app.get('/api/products/:id', async (request) => {
    const company = companyOf(request, context);
    const includeLocalizations = parseBooleanParam(request.query as Query, 'includeLocalizations') ?? false;
    const ids = parseBatchIds((request.params as { id: string }).id, 'productId');
    return findBatch(
      ids,
      (id) => {
        const product = company.products.get(id);
        return product ? presentProduct(product, includeLocalizations) : undefined;
      },
      'Product',
    );
  });

  app.post('/api/products', async (request) => {
    const company = companyOf(request, context);
    const product = storeProduct(
      company,
      validated(company, request.body),
      nextId(context.state),
      nextVersion(context),
    );
    context.markChanged();
    return product;
  });

  app.put('/api/products/:id', async (request) => {
    const company = companyOf(request, context);
    const current = findProduct(company, (request.params as { id: string }).id);
    const product = storeProduct(
      company,
      validated(company, request.body),
      current.id!,
      nextVersion(context, current.version),
    );
    context.markChanged();
    return product;
  });

  // Contract: "The product with product type TRAVEL cannot be removed" (400); otherwise 204.
  app.delete('/api/products/:id', async (request, reply) => {
    const company = companyOf(request, context);
    const product = findProduct(company, (request.params as { id: string }).id);
    if (product.type === 'TRAVEL')
      throw ProcountorApiError.badRequest('type', 'The product with product type TRAVEL cannot be removed');
    company.products.delete(product.id!);
    context.markChanged();
    return reply.status(204).send();
  });
}
