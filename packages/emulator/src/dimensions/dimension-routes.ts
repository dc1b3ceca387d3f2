// /dimensions: list and read dimensions with items, rename, and create/update/inactivate items (contract Dimension).
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import { fieldProblem, requireValidBody } from '../http/validate-body';
import type { Dimension, DimensionItem } from '../state/contract-types';
import { type CompanyData, type EmulatorState, nextId } from '../state/emulator-state';

/** Contract (DimensionItem.status): absent when active, "P" when inactive. */
export const INACTIVE_STATUS = 'P';

function findDimension(company: CompanyData, rawId: string): Dimension {
  const dimension = /^\d+$/.test(rawId) ? company.dimensions.get(Number(rawId)) : undefined;
  if (!dimension) throw ProcountorApiError.notFound('Dimension');
  return dimension;
}

/** Item rules: codeName unique within its dimension, status only "P" (assumptions, README "Assumptions"). */
function itemProblems(dimension: Dimension, item: DimensionItem) {
  const problems = [];
  if (typeof item.codeName === 'string' && item.codeName.trim() === '')
    problems.push(fieldProblem('codeName', 'must not be blank'));
  const clash = (dimension.items ?? []).some(
    (other) => other.id !== item.id && other.codeName.toLowerCase() === String(item.codeName ?? '').toLowerCase(),
  );
  if (clash) problems.push(fieldProblem('codeName', 'DUPLICATE_DIMENSION_ITEM_CODE'));
  if (item.status !== undefined && item.status !== INACTIVE_STATUS && item.status !== '') {
    problems.push(fieldProblem('status', `must be "${INACTIVE_STATUS}" (inactive) or left out (active)`));
  }
  return problems;
}

function toStoredItem(item: DimensionItem, id: number): DimensionItem {
  return {
    id,
    codeName: item.codeName,
    ...(item.description !== undefined ? { description: item.description } : {}),
    ...(item.status === INACTIVE_STATUS ? { status: INACTIVE_STATUS } : {}),
  };
}

/** Adds an item to a dimension (the routes and the demo seed). */
export function addDimensionItem(state: EmulatorState, dimension: Dimension, item: DimensionItem): DimensionItem {
  const stored = toStoredItem(item, nextId(state));
  dimension.items = [...(dimension.items ?? []), stored];
  return stored;
}

export function registerDimensionRoutes(app: FastifyInstance, context: EmulatorContext): void {
  // Contract: name and codeName both "support partial search"; with codeName only matching items are listed (assumption).
  app.get('/api/dimensions', async (request) => {
    const company = companyOf(request, context);
    const { name, codeName } = request.query as { name?: string; codeName?: string };
    return [...company.dimensions.values()]
      .filter((dimension) => !name || dimension.name.toLowerCase().includes(name.toLowerCase()))
      .map((dimension) =>
        codeName
          ? {
              ...dimension,
              items: (dimension.items ?? []).filter((item) =>
                item.codeName.toLowerCase().includes(codeName.toLowerCase()),
              ),
            }
          : dimension,
      )
      .filter((dimension) => !codeName || (dimension.items ?? []).length > 0);
  });

  app.get('/api/dimensions/:id', async (request) =>
    findDimension(companyOf(request, context), (request.params as { id: string }).id),
  );

  app.put('/api/dimensions/:id', async (request) => {
    const company = companyOf(request, context);
    const dimension = findDimension(company, (request.params as { id: string }).id);
    requireValidBody('DimensionName', request.body);
    dimension.name = (request.body as { name: string }).name;
    context.markChanged();
    return { name: dimension.name };
  });

  app.post('/api/dimensions/:id/items', async (request) => {
    const company = companyOf(request, context);
    const dimension = findDimension(company, (request.params as { id: string }).id);
    const body = request.body as DimensionItem;
    requireValidBody(
      'DimensionItem',
      body,
      body && typeof body === 'object' ? itemProblems(dimension, { ...body, id: undefined }) : [],
    );
    const item = addDimensionItem(context.state, dimension, body);
    context.markChanged();
    return item;
  });

  // Contract: the item's id is "Required in PUT"; inactivation = status "P", reactivation = status left out.
  app.put('/api/dimensions/:id/items', async (request) => {
    const company = companyOf(request, context);
    const dimension = findDimension(company, (request.params as { id: string }).id);
    const body = request.body as DimensionItem;
    const problems = body && typeof body === 'object' ? itemProblems(dimension, body) : [];
    if (body && typeof body === 'object' && body.id === undefined)
      problems.unshift(fieldProblem('id', 'must not be null'));
    requireValidBody('DimensionItem', body, problems);
    const index = (dimension.items ?? []).findIndex((item) => item.id === body.id);
    if (index < 0) throw ProcountorApiError.notFound('Dimension item');
    const updated = toStoredItem(body, body.id!);
    dimension.items![index] = updated;
    context.markChanged();
    return updated;
  });
}
