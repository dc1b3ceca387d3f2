// Default dimensions of a business partner, product or person: GET …/defaults/dimensions[/{dimensionId}] and PUT.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import { fieldProblem, requireValidBody } from '../http/validate-body';
import type { DefaultDimension } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';

export interface DefaultDimensionOwner {
  /** Route prefix with an `:id` parameter, e.g. /api/businesspartners/:id */
  prefix: string;
  /** Key prefix in CompanyData.defaultDimensions: partner, product or person. */
  kind: 'partner' | 'product' | 'person';
  /** Throws 404 when the owner does not exist. */
  requireOwner: (company: CompanyData, rawId: string) => void;
}

const keyOf = (kind: string, ownerId: string, dimensionId: string) => `${kind}:${ownerId}:${dimensionId}`;

/**
 * Checks a default dimension against the company's dimension register. Assumption: items are named by id or codeName
 * and their percentages must add up to 100 (README "Assumptions").
 */
function defaultDimensionFor(company: CompanyData, dimensionId: number, body: DefaultDimension): DefaultDimension {
  const dimension = company.dimensions.get(dimensionId);
  if (!dimension) throw ProcountorApiError.notFound('Dimension');
  const problems = [];
  const items = (body.items ?? []).map((item, index) => {
    const stored = dimension.items?.find(
      (candidate) => candidate.id === item.id || candidate.codeName === item.codeName,
    );
    if (!stored)
      problems.push(
        fieldProblem(
          `items[${index}]`,
          'DIMENSION_OR_DIMENSION_ITEM_IDENTIFIERS_DOES_NOT_MATCH_THOSE_STORED_IN_DATABASE',
        ),
      );
    return {
      id: stored?.id,
      codeName: stored?.codeName ?? item.codeName,
      percent: item.percent,
      status: stored?.status !== 'P',
      description: stored?.description,
    };
  });
  const total = items.reduce((sum, item) => sum + item.percent, 0);
  if (items.length > 0 && Math.abs(total - 100) > 1e-9)
    problems.push(fieldProblem('items', `percentages must add up to 100, got ${total}`));
  if (problems.length > 0) throw new ProcountorApiError(400, problems);
  return { id: dimension.id, name: dimension.name, items };
}

export function registerDefaultDimensionRoutes(
  app: FastifyInstance,
  context: EmulatorContext,
  owner: DefaultDimensionOwner,
): void {
  const params = (request: FastifyRequest) => request.params as { id: string; dimensionId: string };

  app.get(`${owner.prefix}/defaults/dimensions`, async (request) => {
    const company = companyOf(request, context);
    owner.requireOwner(company, params(request).id);
    const prefix = `${owner.kind}:${params(request).id}:`;
    return [...company.defaultDimensions.entries()].filter(([key]) => key.startsWith(prefix)).map(([, value]) => value);
  });

  app.get(`${owner.prefix}/defaults/dimensions/:dimensionId`, async (request) => {
    const company = companyOf(request, context);
    owner.requireOwner(company, params(request).id);
    const found = company.defaultDimensions.get(keyOf(owner.kind, params(request).id, params(request).dimensionId));
    if (!found) throw ProcountorApiError.notFound('Default dimension');
    return found;
  });

  app.put(`${owner.prefix}/defaults/dimensions/:dimensionId`, async (request) => {
    const company = companyOf(request, context);
    const { id, dimensionId } = params(request);
    owner.requireOwner(company, id);
    requireValidBody('DefaultDimension', request.body);
    const value = defaultDimensionFor(company, Number(dimensionId), request.body as DefaultDimension);
    company.defaultDimensions.set(keyOf(owner.kind, id, dimensionId), value);
    context.markChanged();
    return value;
  });
}
