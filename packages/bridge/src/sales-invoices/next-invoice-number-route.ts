// GET /v1/connections/{connectionId}/next-invoice-number: the number Procountor will most likely give the next sales
// invoice, with how it was found and its limits (docs/transfers.md "The next invoice number").
import { Type } from 'typebox';
import { withProcountorErrors } from '../purchase-invoices/procountor-request-failed';
import type { BridgeApp } from '../server/bridge-app';
import { ConnectionParams } from '../transfers/transfer-schemas';
import {
  LATEST_INVOICES_READ,
  NEXT_NUMBER_CACHE_SECONDS,
  NEXT_NUMBER_LIMITS,
  type NextInvoiceNumberPredictor,
} from './next-invoice-number';

const NullableInteger = Type.Union([Type.Integer(), Type.Null()]);

export const NextInvoiceNumberSchema = Type.Object({
  predictedInvoiceNumber: Type.Union([Type.Integer(), Type.Null()], {
    description: 'The number Procountor will most likely give the next sales or credit invoice; null when unknown.',
  }),
  isReservation: Type.Literal(false, { description: 'Always false: Procountor reserves no number.' }),
  howFound: Type.String({ description: 'How the number was found, in plain words.' }),
  limits: Type.String({ description: NEXT_NUMBER_LIMITS }),
  basis: Type.Object({
    latestInvoiceNumber: Type.Union([Type.Integer(), Type.Null()], {
      description: `The highest number among the ${LATEST_INVOICES_READ} sales invoices last created in Procountor.`,
    }),
    latestProcountorInvoiceId: NullableInteger,
    salesInvoicesRead: Type.Integer(),
    numbersInUse: Type.Array(Type.Integer(), {
      description: 'Numbers after the highest that another sales invoice already has (skipped).',
    }),
    sentByBridgeSinceReading: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The highest number this bridge got for the connection after Procountor was read.',
    }),
  }),
  readAt: Type.String({ description: 'When Procountor was read (ISO 8601).' }),
  fromCache: Type.Boolean({
    description: `A reading up to ${NEXT_NUMBER_CACHE_SECONDS} s old was used (corrected by what this bridge sent since).`,
  }),
});

export function registerNextInvoiceNumberRoute(app: BridgeApp, predictor: NextInvoiceNumberPredictor): void {
  app.get(
    '/v1/connections/:connectionId/next-invoice-number',
    {
      schema: {
        tags: ['sales invoices'],
        summary: 'The number Procountor will most likely give the next sales invoice (a prediction, not a reservation)',
        description:
          `Read from Procountor's ${LATEST_INVOICES_READ} latest sales invoices (GET /invoices ordered by creation), ` +
          `cached ${NEXT_NUMBER_CACHE_SECONDS} s per connection; \`fresh=true\` reads again now. ${NEXT_NUMBER_LIMITS}`,
        params: ConnectionParams,
        querystring: Type.Object(
          { fresh: Type.Optional(Type.Boolean({ description: 'Read Procountor now instead of the cached reading.' })) },
          { additionalProperties: false },
        ),
        response: { 200: NextInvoiceNumberSchema },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      return withProcountorErrors('The next invoice number could not be read', () =>
        predictor.predict(connectionId, { fresh: request.query.fresh ?? false }),
      );
    },
  );
}
