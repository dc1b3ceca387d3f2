// GET/POST /products/groups and GET/PUT/DELETE /products/groups/{groupId} (contract ProductGroup, ProductGroups).
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import { requireValidBody } from '../http/validate-body';
import { checkEnumParam } from '../invoices/search-query';
import type { ProductGroup } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';
import { addProductGroup } from './product-records';

/** Contract ProductGroup.type / GET /products `type` enum. */
export const PRODUCT_TYPES = ['SALES', 'PURCHASE', 'TRAVEL'];

function findGroup(company: CompanyData, rawId: string): ProductGroup {
  const group = /^\d+$/.test(rawId) ? company.productGroups.get(Number(rawId)) : undefined;
  if (!group) throw ProcountorApiError.notFound('Product group');
  return group;
}

export function registerProductGroupRoutes(app: FastifyInstance, context: EmulatorContext): void {
  // Contract: without `type`, the SALES and PURCHASE groups are returned.
  app.get('/api/products/groups', async (request) => {
    const company = companyOf(request, context);
    const { type } = request.query as { type?: string };
    checkEnumParam('type', type, PRODUCT_TYPES);
    const types = type ? [type] : ['SALES', 'PURCHASE'];
    return {
      productGroups: [...company.productGroups.values()].filter((group) => types.includes(group.type ?? 'SALES')),
    };
  });

  app.get('/api/products/groups/:id', async (request) =>
    findGroup(companyOf(request, context), (request.params as { id: string }).id),
  );

  app.post('/api/products/groups', async (request) => {
    const company = companyOf(request, context);
    requireValidBody('ProductGroup', request.body);
    const group = addProductGroup(context.state, company, request.body as ProductGroup);
    context.markChanged();
    return group;
  });

  // Contract: "Updates a product group name"; the type stays (assumption).
  app.put('/api/products/groups/:id', async (request) => {
    const company = companyOf(request, context);
    const current = findGroup(company, (request.params as { id: string }).id);
    requireValidBody('ProductGroup', request.body);
    const updated = { ...current, name: (request.body as ProductGroup).name };
    company.productGroups.set(current.id!, updated);
    context.markChanged();
    return updated;
  });

  // Contract: TRAVEL groups cannot be removed (400); a group with products answers 409 listing their ids.
  app.delete('/api/products/groups/:id', async (request, reply) => {
    const company = companyOf(request, context);
    const group = findGroup(company, (request.params as { id: string }).id);
    if (group.type === 'TRAVEL')
      throw ProcountorApiError.badRequest('type', 'The product group with product type TRAVEL cannot be removed');
    const linked = [...company.products.values()]
      .filter((product) => product.productGroupId === group.id)
      .map((product) => product.id);
    if (linked.length > 0)
      throw ProcountorApiError.single(409, `The product group contains related products: ${linked.join(', ')}`);
    company.productGroups.delete(group.id!);
    context.markChanged();
    return reply.status(204).send();
  });
}
