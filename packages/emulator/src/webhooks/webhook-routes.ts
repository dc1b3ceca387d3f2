// /webhooks: subscribe (POST), search (GET), update (PUT) and delete (DELETE) Procountor's event notifications.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { contractViolations } from '../http/contract-validator';
import { pageOf, parsePageRequest } from '../http/paging';
import { type ErrorEntry, ProcountorApiError } from '../http/procountor-error';
import { enumListParam, orderParam, stringParam } from '../invoices/search-query';
import type { Webhook } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';
import { HMAC_SECRET_KEY } from './dispatch-webhook-event';

type Params = { uuid: string };

const EVENT_TYPES = [
  'INVOICE_PAYMENT_CREATED',
  'DIRECTBANKDATATRANSFER_PAYMENT_CREATED',
  'INVOICE_PAYMENTEVENTS_DELETED',
  'PAYMENT_UPDATED',
  'PAYMENT_DELETED',
  'USER_UPDATED',
  'DIRECT_SALARY_PAYMENTS_CREATED',
  'DIRECT_SALARY_PAYMENTS_CANCELED',
] as const;

/** Schema problems plus an http(s) URL and, for HMAC, a shared secret in authenticationMeta (assumption). */
function webhookProblems(body: unknown): ErrorEntry[] {
  const problems = contractViolations('Webhook', body ?? null);
  if (problems.length > 0) return problems;
  const webhook = body as Webhook;
  let protocol = '';
  try {
    protocol = new URL(webhook.url).protocol;
  } catch {
    protocol = '';
  }
  if (protocol !== 'http:' && protocol !== 'https:')
    problems.push({ status: 400, field: 'url', message: 'must be an http or https URL' });
  const secret = webhook.authenticationMeta?.[HMAC_SECRET_KEY];
  if (webhook.authenticationType === 'HMAC' && (typeof secret !== 'string' || secret === '')) {
    problems.push({
      status: 400,
      field: `authenticationMeta.${HMAC_SECRET_KEY}`,
      message: 'must not be blank for HMAC authentication',
    });
  }
  return problems;
}

function toStored(uuid: string, webhook: Webhook): Webhook {
  return {
    uuid,
    url: webhook.url,
    authenticationType: webhook.authenticationType,
    ...(webhook.authenticationMeta !== undefined ? { authenticationMeta: webhook.authenticationMeta } : {}),
    subscriptions: [...new Set(webhook.subscriptions)],
  };
}

function findOr404(company: CompanyData, uuid: string): Webhook {
  const webhook = company.webhooks.get(uuid);
  if (!webhook) throw ProcountorApiError.notFound('Webhook');
  return webhook;
}

export function registerWebhookRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.post('/api/webhooks', async (request) => {
    const company = companyOf(request, context);
    const problems = webhookProblems(request.body);
    if (problems.length > 0) throw new ProcountorApiError(400, problems);
    const uuid = randomUUID();
    company.webhooks.set(uuid, toStored(uuid, request.body as Webhook));
    context.markChanged();
    // Contract CreatedWebhookResponse: { status, uuid }.
    return { status: 200, uuid };
  });

  app.get('/api/webhooks', async (request) => {
    const company = companyOf(request, context);
    const query = request.query as Record<string, unknown>;
    const pageRequest = parsePageRequest(query);
    const url = stringParam(query, 'url');
    const eventTypes = enumListParam(query, 'eventType', EVENT_TYPES);
    const order = orderParam(query, 'orderByCreatedDate') ?? 'DESC';
    const matches = [...company.webhooks.values()].filter(
      (webhook) =>
        (url === undefined || webhook.url === url) &&
        (eventTypes === undefined ||
          webhook.subscriptions.some((type) => eventTypes.has(type as (typeof EVENT_TYPES)[number]))),
    );
    // Webhooks are kept in creation order (a PUT keeps a webhook's place), so ordering by creation date is a reversal.
    if (order === 'DESC') matches.reverse();
    return pageOf(matches, pageRequest);
  });

  app.put<{ Params: Params }>('/api/webhooks/:uuid', async (request) => {
    const company = companyOf(request, context);
    findOr404(company, request.params.uuid);
    const problems = webhookProblems(request.body);
    if (problems.length > 0) throw new ProcountorApiError(400, problems);
    company.webhooks.set(request.params.uuid, toStored(request.params.uuid, request.body as Webhook));
    context.markChanged();
    return { message: 'Webhook was successfully updated' };
  });

  // Contract DELETE: "Removing the hook is equivalent to canceling all its subscriptions".
  app.delete<{ Params: Params }>('/api/webhooks/:uuid', async (request, reply) => {
    const company = companyOf(request, context);
    findOr404(company, request.params.uuid);
    company.webhooks.delete(request.params.uuid);
    context.markChanged();
    return reply.status(204).send();
  });
}
