// GET/POST /businesspartners/groups and GET/PUT /businesspartners/groups/{id} (contract BusinessPartnerGroup).
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { pageOf, parseBooleanParam, parsePageRequest } from '../http/paging';
import { ProcountorApiError } from '../http/procountor-error';
import { fieldProblem, requireValidBody } from '../http/validate-body';
import { checkEnumParam } from '../invoices/search-query';
import type { BusinessPartnerGroup } from '../state/contract-types';
import { type CompanyData, type EmulatorState, nextId } from '../state/emulator-state';

/** Contract GET /businesspartners and /businesspartners/groups `type` enum. */
export const PARTNER_TYPES = ['CUSTOMER', 'SUPPLIER', 'PERSON'];

function findGroup(company: CompanyData, rawId: string): BusinessPartnerGroup {
  const group = /^\d+$/.test(rawId) ? company.partnerGroups.get(Number(rawId)) : undefined;
  if (!group) throw ProcountorApiError.notFound('Partner group');
  return group;
}

/** Assumption: group names are unique within a type (Procountor's UI refuses a second group of the same name). */
function duplicateNameProblems(company: CompanyData, group: BusinessPartnerGroup, ownId?: number) {
  const clash = [...company.partnerGroups.values()].some(
    (other) =>
      other.id !== ownId && other.type === group.type && other.name.toLowerCase() === group.name?.toLowerCase(),
  );
  return clash ? [fieldProblem('name', 'DUPLICATE_GROUP_NAME')] : [];
}

/** Creates a group (also used by the demo seed). */
export function addPartnerGroup(
  state: EmulatorState,
  company: CompanyData,
  input: BusinessPartnerGroup,
): BusinessPartnerGroup {
  const group = { id: nextId(state), name: input.name, type: input.type, active: input.active ?? true };
  company.partnerGroups.set(group.id, group);
  return group;
}

export function registerPartnerGroupRoutes(app: FastifyInstance, context: EmulatorContext): void {
  // Contract: "Returns business partner groups ordered by group ID"; name by substring.
  app.get('/api/businesspartners/groups', async (request) => {
    const company = companyOf(request, context);
    const query = request.query as Record<string, string | undefined>;
    const pageRequest = parsePageRequest(query);
    const active = parseBooleanParam(query, 'active');
    checkEnumParam('type', query.type, PARTNER_TYPES);
    const groups = [...company.partnerGroups.values()]
      .filter((group) => !query.type || group.type === query.type)
      .filter((group) => active === undefined || (group.active ?? true) === active)
      .filter((group) => !query.name || group.name.toLowerCase().includes(query.name.toLowerCase()))
      .sort((a, b) => a.id! - b.id!);
    return pageOf(groups, pageRequest);
  });

  app.get('/api/businesspartners/groups/:id', async (request) =>
    findGroup(companyOf(request, context), (request.params as { id: string }).id),
  );

  app.post('/api/businesspartners/groups', async (request) => {
    const company = companyOf(request, context);
    const body = request.body as BusinessPartnerGroup;
    requireValidBody(
      'BusinessPartnerGroup',
      body,
      body && typeof body === 'object' ? duplicateNameProblems(company, body) : [],
    );
    const group = addPartnerGroup(context.state, company, body);
    context.markChanged();
    return group;
  });

  app.put('/api/businesspartners/groups/:id', async (request) => {
    const company = companyOf(request, context);
    const current = findGroup(company, (request.params as { id: string }).id);
    const body = request.body as BusinessPartnerGroup;
    const problems = body && typeof body === 'object' ? duplicateNameProblems(company, body, current.id) : [];
    // Assumption: a group's type is fixed once created (partners of that type hold it).
    if (body && typeof body === 'object' && body.type !== current.type)
      problems.push(fieldProblem('type', `cannot be changed from ${current.type}`));
    requireValidBody('BusinessPartnerGroup', body, problems);
    const updated = {
      id: current.id,
      name: body.name,
      type: current.type,
      active: body.active ?? current.active ?? true,
    };
    company.partnerGroups.set(current.id!, updated);
    context.markChanged();
    return updated;
  });
}
