// /persons: search, read, create (no version), replace (current version required) and default dimensions/products.
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import { registerDefaultDimensionRoutes } from '../dimensions/default-dimensions';
import type { EmulatorContext } from '../emulator-context';
import {
  orderAndSkipToPreviousId,
  pageOf,
  parseBooleanParam,
  parseIdOrder,
  parseIntegerParam,
  parsePageRequest,
} from '../http/paging';
import { ProcountorApiError } from '../http/procountor-error';
import { fieldProblem, requireValidBody } from '../http/validate-body';
import { nextVersion, requireCurrentVersion } from '../http/version-stamp';
import type { Person } from '../state/contract-types';
import { type CompanyData, nextId } from '../state/emulator-state';
import { personProblems, storePerson, toPersonBasicInfo } from './person-records';

function findPerson(company: CompanyData, rawId: string): Person {
  const person = /^\d+$/.test(rawId) ? company.persons.get(Number(rawId)) : undefined;
  if (!person) throw ProcountorApiError.notFound('Person');
  return person;
}

function groupName(company: CompanyData, id: number | undefined): string | undefined {
  return id === undefined ? undefined : company.partnerGroups.get(id)?.name;
}

export function registerPersonRoutes(app: FastifyInstance, context: EmulatorContext): void {
  registerDefaultDimensionRoutes(app, context, {
    prefix: '/api/persons/:id',
    kind: 'person',
    requireOwner: findPerson,
  });

  app.get('/api/persons/:id/defaults/products', async (request) => {
    findPerson(companyOf(request, context), (request.params as { id: string }).id);
    return [];
  });

  app.get('/api/persons', async (request) => {
    const company = companyOf(request, context);
    const query = request.query as Record<string, string | undefined>;
    const pageRequest = parsePageRequest(query);
    const includeInactive = parseBooleanParam(query, 'includeInactive') ?? false;
    const groupId = parseIntegerParam(query, 'personGroupId');
    const matching = [...company.persons.values()].filter((person) => {
      if (!includeInactive && !person.registryInfo.active) return false;
      // Contract: personNumber "partial", mainPersonGroup "only exact" (assumption: the main group is the first one).
      if (query.personNumber && !(person.invoicingInfo.personNumber ?? '').includes(query.personNumber)) return false;
      const groups = person.registryInfo.personGroupsIds ?? [];
      if (query.mainPersonGroup && groupName(company, groups[0]) !== query.mainPersonGroup) return false;
      if (groupId !== undefined && !groups.includes(groupId)) return false;
      return true;
    });
    const ordered = orderAndSkipToPreviousId(matching, (person) => person.id!, parseIdOrder(query, 'DESC'), undefined);
    const page = pageOf(ordered, pageRequest);
    return { results: page.results.map(toPersonBasicInfo), meta: page.meta };
  });

  app.get('/api/persons/:id', async (request) =>
    findPerson(companyOf(request, context), (request.params as { id: string }).id),
  );

  // Contract (version): "Not allowed in POST. Required in PUT."
  app.post('/api/persons', async (request) => {
    const company = companyOf(request, context);
    const body = request.body as Person;
    const problems = body && typeof body === 'object' ? personProblems(body, company) : [];
    if (body && typeof body === 'object' && body.version !== undefined)
      problems.push(fieldProblem('version', 'must be null'));
    requireValidBody('Person', body, problems);
    const person = storePerson(company, body, nextId(context.state), nextVersion(context));
    context.markChanged();
    return person;
  });

  app.put('/api/persons/:id', async (request) => {
    const company = companyOf(request, context);
    const current = findPerson(company, (request.params as { id: string }).id);
    const body = request.body as Person;
    requireValidBody('Person', body, body && typeof body === 'object' ? personProblems(body, company) : []);
    requireCurrentVersion(body.version, current.version);
    const person = storePerson(company, body, current.id!, nextVersion(context, current.version));
    context.markChanged();
    return person;
  });
}
