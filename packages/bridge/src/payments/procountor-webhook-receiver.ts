// POST /hooks/procountor/{connectionId}: Procountor's webhook deliveries. Public (Procountor sends no bearer token);
// authenticated by the HMAC of the raw body with the connection's secret, checked before anything is read or stored.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ProcountorPaymentEvent } from '@procountor-bridge/client';
import { sql } from 'kysely';
import { Type } from 'typebox';
import { ValidationFailedError } from '../errors/bridge-error';
import type { JobQueue } from '../jobs/create-job-queue';
import type { RouteModule } from '../server/bridge-app';
import type { Database } from '../storage/schema';
import { applyPaymentDeleted, applyPaymentEvents, findPayableTransfer } from './apply-payment-events';
import { InvalidProcountorSignatureError } from './payment-errors';
import { isValidProcountorSignature, PROCOUNTOR_SIGNATURE_HEADER } from './procountor-signature';
import { subscriptionSecret } from './procountor-webhook-subscription';
import { enqueueReconcile } from './reconcile-payments';

export interface ReceiverDeps {
  db: Database;
  jobs: Pick<JobQueue, 'sendInTransaction' | 'send'>;
  secretKey: Buffer;
}

/** FACTS.md "Webhooks": `{ eventType, webhookUuid, payload, meta { version, timestamp } }`. */
interface Envelope {
  eventType?: unknown;
  webhookUuid?: unknown;
  payload?: unknown;
}

const Answer = Type.Object({
  status: Type.Union([Type.Literal('processed'), Type.Literal('queued'), Type.Literal('ignored')], {
    description:
      'processed: the payment was counted (or taken back) now, or was known; queued: the bridge polls the invoice again; ignored: not an invoice the bridge sent.',
  }),
  recorded: Type.Integer({ description: 'Source events recorded by this delivery (0 for a duplicate).' }),
});

export function procountorWebhookReceiverRoute(deps: ReceiverDeps): RouteModule {
  return async (app) => {
    // Its own scope: the body stays the raw string the signature covers, for this route only.
    await app.register(async (plugin) => {
      const scope = plugin.withTypeProvider<TypeBoxTypeProvider>();
      scope.removeContentTypeParser(['application/json']);
      scope.addContentTypeParser(['application/json', '*'], { parseAs: 'string' }, (_request, body, done) =>
        done(null, body),
      );
      scope.post(
        '/hooks/procountor/:connectionId',
        {
          schema: {
            tags: ['payments'],
            summary: "Receives Procountor's webhook deliveries for a connection (called by Procountor)",
            description:
              'No bearer token: the X-Procountor-Signature header (hex HMAC-SHA256 of the raw body with the ' +
              'secret the bridge registered) must verify, else 401 and nothing is stored. A payment is counted once ' +
              'however often it is delivered (docs/payments.md).',
            security: [],
            params: Type.Object({ connectionId: Type.String() }),
            response: { 200: Answer },
          },
        },
        async (request) => {
          const { connectionId } = request.params;
          const raw = typeof request.body === 'string' ? request.body : '';
          const header = request.headers[PROCOUNTOR_SIGNATURE_HEADER];
          const secret = await subscriptionSecret(deps.db, deps.secretKey, connectionId).catch(() => undefined);
          // An unknown connection answers like a bad signature: the route tells nothing about which ids exist.
          if (!secret || !isValidProcountorSignature(secret, raw, Array.isArray(header) ? header[0] : header)) {
            throw new InvalidProcountorSignatureError();
          }
          let envelope: Envelope;
          try {
            envelope = JSON.parse(raw) as Envelope;
          } catch {
            throw new ValidationFailedError([{ path: 'body', rule: 'json', message: 'is not JSON' }], 'The delivery');
          }
          await deps.db
            .updateTable('procountor_webhook_subscriptions')
            .set({ last_received_at: sql<Date>`now()` })
            .where('connection_id', '=', connectionId)
            .execute();
          return handleDelivery(deps, connectionId, envelope);
        },
      );
    });
  };
}

async function handleDelivery(deps: ReceiverDeps, connectionId: string, envelope: Envelope) {
  const payload = (envelope.payload ?? {}) as Record<string, unknown>;
  const invoiceId = typeof payload.invoiceId === 'number' ? payload.invoiceId : undefined;
  if (envelope.eventType === 'INVOICE_PAYMENT_CREATED' && invoiceId !== undefined) {
    const transfer = await findPayableTransfer(deps.db, connectionId, invoiceId);
    if (!transfer) return { status: 'ignored' as const, recorded: 0 };
    const recorded = await applyPaymentEvents(deps, transfer, [payload as ProcountorPaymentEvent], 'webhook');
    return { status: 'processed' as const, recorded: recorded.length };
  }
  // The deleted PaymentEvent (its id and invoiceId; emulator README "Webhooks"): taken back at once.
  const paymentEventId = typeof payload.id === 'number' ? payload.id : undefined;
  if (envelope.eventType === 'PAYMENT_DELETED' && invoiceId !== undefined && paymentEventId !== undefined) {
    const transfer = await findPayableTransfer(deps.db, connectionId, invoiceId);
    if (!transfer) return { status: 'ignored' as const, recorded: 0 };
    const recorded = await applyPaymentDeleted(deps, transfer, paymentEventId);
    return { status: 'processed' as const, recorded: recorded ? 1 : 0 };
  }
  if (
    envelope.eventType === 'INVOICE_PAYMENTEVENTS_DELETED' ||
    envelope.eventType === 'PAYMENT_UPDATED' ||
    envelope.eventType === 'PAYMENT_DELETED' ||
    envelope.eventType === 'INVOICE_PAYMENT_CREATED'
  ) {
    // No payment in the payload to count: poll the invoice (or the connection) for its payments instead.
    if (invoiceId !== undefined && !(await findPayableTransfer(deps.db, connectionId, invoiceId))) {
      return { status: 'ignored' as const, recorded: 0 };
    }
    await enqueueReconcile(deps.jobs, {
      connectionId,
      ...(invoiceId !== undefined ? { procountorInvoiceId: invoiceId } : {}),
    });
    return { status: 'queued' as const, recorded: 0 };
  }
  return { status: 'ignored' as const, recorded: 0 };
}
