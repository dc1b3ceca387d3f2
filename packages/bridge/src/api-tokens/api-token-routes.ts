// POST, GET and DELETE /v1/api-tokens: admin-only token management; the token itself is in the POST answer only.
import { Type } from 'typebox';
import type { BridgeRouteConfig, RouteModule } from '../server/bridge-app';
import type { ApiTokenRecord, ApiTokenService } from './api-token-service';

const ApiTokenResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  scope: Type.Union([Type.Literal('admin'), Type.Literal('connection')], {
    description: 'admin: every connection and the admin operations; connection: one connection, its documents only.',
  }),
  connectionId: Type.Union([Type.String(), Type.Null()]),
  prefix: Type.String({ description: 'The first characters of the token, to tell tokens apart.' }),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'Last use, to the minute.',
  }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const toApiTokenResponse = (record: ApiTokenRecord) => ({
  ...record,
  createdAt: record.createdAt.toISOString(),
  lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
  revokedAt: record.revokedAt?.toISOString() ?? null,
});

export function apiTokenRoutes(apiTokens: ApiTokenService): RouteModule {
  return (app) => {
    app.post(
      '/v1/api-tokens',
      {
        config: { admin: true } satisfies BridgeRouteConfig,
        schema: {
          tags: ['api-tokens'],
          summary: 'Create an API token',
          description:
            'Without connectionId an admin token; with it a token that sees only that connection (give it to the source application). The token is in this answer only: store it now.',
          body: Type.Object(
            {
              name: Type.String({ minLength: 1, maxLength: 100, description: 'Who or what uses the token.' }),
              connectionId: Type.Optional(Type.String({ description: 'Scope the token to this connection.' })),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              token: Type.String({ description: 'pb_… — shown once, stored only as a hash.' }),
              apiToken: ApiTokenResponse,
            }),
          },
        },
      },
      async (request, reply) => {
        const { token, record } = await apiTokens.create(request.body);
        return reply.status(201).send({ token, apiToken: toApiTokenResponse(record) });
      },
    );

    app.get(
      '/v1/api-tokens',
      {
        config: { admin: true } satisfies BridgeRouteConfig,
        schema: {
          tags: ['api-tokens'],
          summary: 'List API tokens',
          querystring: Type.Object({
            includeRevoked: Type.Optional(Type.Boolean({ default: false, description: 'Also list revoked tokens.' })),
          }),
          response: { 200: Type.Object({ apiTokens: Type.Array(ApiTokenResponse) }) },
        },
      },
      async (request) => {
        const records = await apiTokens.list({ includeRevoked: request.query.includeRevoked ?? false });
        return { apiTokens: records.map(toApiTokenResponse) };
      },
    );

    app.delete(
      '/v1/api-tokens/:tokenId',
      {
        config: { admin: true } satisfies BridgeRouteConfig,
        schema: {
          tags: ['api-tokens'],
          summary: 'Revoke an API token',
          description: 'The token stops working at once.',
          params: Type.Object({ tokenId: Type.String() }),
        },
      },
      async (request, reply) => {
        await apiTokens.revoke(request.params.tokenId);
        return reply.status(204).send();
      },
    );
  };
}
