// GET /v1/dashboard: the console's front page (counts per state, failures needing attention, queue, per day).
import { Type } from 'typebox';
import type { RouteModule } from '../server/bridge-app';
import { assertConnectionAccess, principalOf } from '../server/principal';
import { TRANSFER_STATES } from '../transfers/transfer-states';
import { DASHBOARD_TIME_ZONE, readDashboard } from './read-dashboard';

const CountsByState = Type.Object(
  Object.fromEntries(TRANSFER_STATES.map((state) => [state, Type.Integer()])) as Record<
    (typeof TRANSFER_STATES)[number],
    ReturnType<typeof Type.Integer>
  >,
  { description: 'Transfers created in the period, by their state now.' },
);
const NullableString = Type.Union([Type.String(), Type.Null()]);

const DashboardResponse = Type.Object({
  generatedAt: Type.String({ format: 'date-time' }),
  timeZone: Type.String({ description: `Days start at midnight in ${DASHBOARD_TIME_ZONE}.` }),
  today: Type.Object({ date: Type.String({ format: 'date' }), byState: CountsByState }),
  thisMonth: Type.Object({ from: Type.String({ format: 'date' }), byState: CountsByState }),
  failures: Type.Object({
    total: Type.Integer({ description: 'Failed transfers waiting for a fix and a resend, of any age.' }),
    latest: Type.Array(
      Type.Object({
        transferId: Type.String(),
        connectionId: Type.String(),
        kind: Type.String(),
        externalId: Type.String(),
        sourceInvoiceNumber: NullableString,
        customerName: NullableString,
        errorCode: NullableString,
        errorMessage: NullableString,
        fix: Type.Union([Type.String(), Type.Null()], { description: 'What to do, in plain language.' }),
        failedAt: Type.String({ format: 'date-time' }),
      }),
      { description: 'The ten most recently failed.' },
    ),
  }),
  queue: Type.Object({
    depth: Type.Integer({ description: 'Transfers waiting for send, queued, running or retrying.' }),
    byState: Type.Record(Type.String(), Type.Integer()),
  }),
  transfersPerDay: Type.Array(
    Type.Object({
      date: Type.String({ format: 'date' }),
      succeeded: Type.Integer(),
      failed: Type.Integer(),
      other: Type.Integer({ description: 'Still waiting, running, retrying or cancelled.' }),
    }),
    { description: 'The last 30 days, oldest first, by the day each transfer was created.' },
  ),
});

export function dashboardRoute(db: Parameters<typeof readDashboard>[0]): RouteModule {
  return (app) => {
    app.get(
      '/v1/dashboard',
      {
        schema: {
          tags: ['dashboard'],
          summary: 'Transfer counts, failures, queue depth and transfers per day',
          description:
            'An admin sees every connection, or one with connectionId; a connection token only its own connection.',
          querystring: Type.Object({
            connectionId: Type.Optional(Type.String({ description: 'Only this connection.' })),
          }),
          response: { 200: DashboardResponse },
        },
      },
      async (request) => {
        const principal = principalOf(request);
        const { connectionId } = request.query;
        if (connectionId) assertConnectionAccess(request, connectionId);
        const connectionIds = connectionId
          ? [connectionId]
          : principal.kind === 'connection'
            ? [principal.connectionId]
            : undefined;
        return readDashboard(db, { connectionIds });
      },
    );
  };
}
