// HTTP surface of payments: the Procountor webhook subscription, a reconciliation on demand, a document's payment
// state, and the source's mark-paid (docs/payments.md).
import { Type } from 'typebox';
import type { ConnectionService } from '../connections/connection-record';
import { NotFoundError } from '../errors/bridge-error';
import type { JobQueue } from '../jobs/create-job-queue';
import type { RouteModule } from '../server/bridge-app';
import type { Database } from '../storage/schema';
import { DocumentParams } from '../transfers/document-requests';
import { findTransferByExternalId } from '../transfers/transfer-repository';
import { ConnectionParams } from '../transfers/transfer-schemas';
import { markPaidFromSource, PAYMENT_METHOD_TYPES } from './mark-paid';
import { paymentStateOfTransfer } from './payment-state';
import {
  findSubscription,
  SUBSCRIBED_EVENT_TYPES,
  subscribeProcountorWebhook,
  unsubscribeProcountorWebhook,
} from './procountor-webhook-subscription';
import { enqueueReconcile } from './reconcile-payments';

export interface PaymentRouteDeps {
  db: Database;
  jobs: Pick<JobQueue, 'send' | 'sendInTransaction'>;
  secretKey: Buffer;
  connections: ConnectionService;
  /** config.publicUrl: the default receiver URL registered with Procountor. */
  publicUrl: string;
}

const TAGS = ['payments'];

const Subscription = Type.Object({
  connectionId: Type.String(),
  state: Type.Union([Type.Literal('subscribed'), Type.Literal('pending'), Type.Literal('failed')], {
    description:
      'subscribed: Procountor holds the webhook; failed: the last automatic attempt was refused (see lastError; retried with backoff); pending: not subscribed yet.',
  }),
  webhookUuid: Type.Union([Type.String(), Type.Null()], { description: "The webhook's uuid at Procountor." }),
  url: Type.String({
    description: 'Where Procountor delivers: /hooks/procountor/{connectionId} under BRIDGE_PUBLIC_URL.',
  }),
  eventTypes: Type.Array(Type.String(), { description: `Subscribed: ${SUBSCRIBED_EVENT_TYPES.join(', ')}.` }),
  urlExplicit: Type.Boolean({
    description: 'The URL was given in the PUT body: automatic subscriptions keep it instead of BRIDGE_PUBLIC_URL.',
  }),
  lastReceivedAt: Type.Union([Type.String(), Type.Null()], { description: 'Last delivery whose signature verified.' }),
  lastAttemptAt: Type.Union([Type.String(), Type.Null()], { description: 'Last automatic subscription attempt.' }),
  lastError: Type.Union([Type.String(), Type.Null()], {
    description: 'Why the last automatic attempt failed (null after a success); the reconciliation poll still runs.',
  }),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

const Payment = Type.Object({
  procountorPaymentEventId: Type.Integer(),
  amount: Type.Number({ description: 'In the invoice currency.' }),
  paymentDate: Type.String(),
  paymentType: Type.Union([Type.String(), Type.Null()], { description: 'Procountor PaymentEvent.type.' }),
  procountorStatus: Type.String({ description: 'PAID (bank) or MARKED_PAID (by hand).' }),
  origin: Type.String({ description: 'webhook, reconciliation or source_mark_paid.' }),
  eventId: Type.String({ description: 'The invoice.paid / invoice.partially_paid event it produced.' }),
  recordedAt: Type.String(),
});

const PaymentState = Type.Object({
  transferId: Type.String(),
  kind: Type.String(),
  externalId: Type.String(),
  procountorInvoiceId: Type.Union([Type.Integer(), Type.Null()]),
  currency: Type.Union([Type.String(), Type.Null()]),
  totalAmount: Type.Union([Type.Number(), Type.Null()], { description: 'The total the bridge sent, VAT included.' }),
  amountPaid: Type.Number({ description: 'Sum of the counted payments.' }),
  amountOpen: Type.Union([Type.Number(), Type.Null()], { description: 'Total minus paid.' }),
  fullyPaid: Type.Boolean(),
  lastPaymentDate: Type.Union([Type.String(), Type.Null()]),
  lastReconciledAt: Type.Union([Type.String(), Type.Null()], { description: 'Last poll of its payments.' }),
  payments: Type.Array(Payment),
});

const MarkPaidBody = Type.Object(
  {
    paymentId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description: 'Your id of this payment: sending it again answers the first result and pays nothing twice.',
      }),
    ),
    amount: Type.Optional(
      Type.Number({ description: 'In the invoice currency; default what is still open (negative on a credit).' }),
    ),
    paymentDate: Type.Optional(
      Type.String({
        pattern: '^\\d{4}-\\d{2}-\\d{2}$',
        description: 'YYYY-MM-DD; default today. Not in a closed period.',
      }),
    ),
    paymentMethodType: Type.Optional(
      Type.Union(
        PAYMENT_METHOD_TYPES.map((type) => Type.Literal(type)),
        { description: 'Procountor MarkInvoiceAsPaid.paymentMethodType.' },
      ),
    ),
    description: Type.Optional(Type.String({ maxLength: 140, description: 'Payment description (max 140).' })),
  },
  { additionalProperties: false },
);

const DOCUMENT_KINDS = [
  { path: 'sales-invoices', kind: 'sales_invoice' },
  { path: 'credit-invoices', kind: 'credit_invoice' },
] as const;

export function paymentRoutes(deps: PaymentRouteDeps): RouteModule {
  const { db } = deps;
  return (app) => {
    const subscriptionPath = '/v1/connections/:connectionId/procountor-webhook';

    app.put(
      subscriptionPath,
      {
        schema: {
          tags: TAGS,
          summary: "Subscribe the connection to Procountor's payment webhooks (idempotent)",
          description:
            'Registers `{BRIDGE_PUBLIC_URL}/hooks/procountor/{connectionId}` (or `url`) with Procountor, HMAC-signed with a ' +
            'secret the bridge keeps encrypted. Calling it again updates the URL and keeps the secret. The bridge also ' +
            'subscribes by itself on activation and at start (setting subscribeToProcountorWebhooks, docs/payments.md).',
          params: ConnectionParams,
          body: Type.Optional(
            Type.Object(
              {
                url: Type.Optional(
                  Type.String({ pattern: '^https?://', maxLength: 2000, description: 'Override the receiver URL.' }),
                ),
              },
              { additionalProperties: false },
            ),
          ),
          response: { 200: Subscription },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        return subscribeProcountorWebhook(deps, connectionId, request.body?.url ? { url: request.body.url } : {});
      },
    );

    app.get(
      subscriptionPath,
      {
        schema: {
          tags: TAGS,
          summary: "The connection's Procountor webhook subscription",
          params: ConnectionParams,
          response: { 200: Subscription },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        const found = await findSubscription(db, connectionId);
        if (!found) throw new NotFoundError('The Procountor webhook subscription');
        return found;
      },
    );

    app.delete(
      subscriptionPath,
      {
        schema: {
          tags: TAGS,
          summary: 'Unsubscribe: remove the webhook at Procountor; payments then arrive by reconciliation only',
          params: ConnectionParams,
        },
      },
      async (request, reply) => {
        const { connectionId } = request.params;
        if (!(await unsubscribeProcountorWebhook(deps, connectionId))) {
          throw new NotFoundError('The Procountor webhook subscription');
        }
        return reply.status(204).send();
      },
    );

    app.post(
      '/v1/connections/:connectionId/payments/reconcile',
      {
        schema: {
          tags: TAGS,
          summary: "Poll Procountor now for payments of the connection's open invoices",
          description:
            'Runs in the background like the periodic poll (every 15 minutes); each payment is counted once.',
          params: ConnectionParams,
          response: { 202: Type.Object({ jobId: Type.Union([Type.String(), Type.Null()]) }) },
        },
      },
      async (request, reply) => {
        const { connectionId } = request.params;
        await deps.connections.requireActive(connectionId);
        return reply.status(202).send({ jobId: await enqueueReconcile(deps.jobs, { connectionId }) });
      },
    );

    for (const document of DOCUMENT_KINDS) {
      app.get(
        `/v1/connections/:connectionId/${document.path}/:externalId/payments`,
        {
          schema: {
            tags: TAGS,
            summary: `Payment state of a transferred ${document.kind.replace('_', ' ')}: paid, open, each payment`,
            params: DocumentParams,
            response: { 200: PaymentState },
          },
        },
        async (request) => {
          const { connectionId, externalId } = request.params;
          const transfer = await findTransferByExternalId(db, connectionId, document.kind, externalId);
          if (!transfer) throw new NotFoundError(`Document ${externalId}`);
          return paymentStateOfTransfer(db, transfer);
        },
      );

      app.post(
        `/v1/connections/:connectionId/${document.path}/:externalId/mark-paid`,
        {
          schema: {
            tags: TAGS,
            summary: `Mark a transferred ${document.kind.replace('_', ' ')} paid in Procountor (setting markPaidInProcountor)`,
            description:
              "Forwarded to Procountor's markpaid when the connection's markPaidInProcountor is on (else 409 " +
              '`mark_paid_forwarding_off`). Idempotent per `paymentId`. Answers the payment state after it.',
            params: DocumentParams,
            body: MarkPaidBody,
            response: {
              200: Type.Object({
                paymentId: Type.String(),
                procountorPaymentEventId: Type.Integer(),
                forwarded: Type.Boolean({ description: 'false when this paymentId was forwarded before.' }),
                state: PaymentState,
              }),
            },
          },
        },
        async (request) => {
          const { connectionId, externalId } = request.params;
          const result = await markPaidFromSource(deps, connectionId, document.kind, externalId, request.body);
          return {
            paymentId: result.paymentId,
            procountorPaymentEventId: result.procountorPaymentEventId,
            forwarded: result.forwarded,
            state: await paymentStateOfTransfer(db, result.transfer),
          };
        },
      );
    }
  };
}
