// GET /v1/connection-settings and GET /v1/connection-activation-steps: reference data for the console's forms.
import { Type } from 'typebox';
import type { RouteModule } from '../server/bridge-app';
import { assertConnectionAccess } from '../server/principal';
import { activationStepsFor } from './activation-steps';
import type { ConnectionAdministration } from './connection-service';
import { ConnectionSettingsSchema, SETTING_DESCRIPTIONS } from './connection-settings';

const SettingInfo = Type.Object({
  name: Type.String(),
  description: Type.String(),
  default: Type.Optional(
    Type.Unknown({ description: 'The value used when the setting is not set; absent for optional settings.' }),
  ),
  schema: Type.Unknown({ description: 'The JSON Schema of the value.' }),
});

const ActivationStepResponse = Type.Object({
  id: Type.String(),
  title: Type.String(),
  instructions: Type.Array(Type.String()),
  procountorPath: Type.Optional(Type.String({ description: 'Where in Procountor the step is done.' })),
  optional: Type.Optional(Type.Boolean()),
});

export function connectionReferenceRoutes(connections: ConnectionAdministration): RouteModule {
  return (app) => {
    app.get(
      '/v1/connection-settings',
      {
        schema: {
          tags: ['connections'],
          summary: 'Every connection setting with its rule, default and description',
          response: { 200: Type.Object({ settings: Type.Array(SettingInfo) }) },
        },
      },
      async () => ({
        settings: Object.entries(ConnectionSettingsSchema.properties).map(([name, schema]) => ({
          name,
          description: SETTING_DESCRIPTIONS[name as keyof typeof SETTING_DESCRIPTIONS],
          default: (schema as { default?: unknown }).default,
          schema: JSON.parse(JSON.stringify(schema)),
        })),
      }),
    );

    app.get(
      '/v1/connection-activation-steps',
      {
        schema: {
          tags: ['connections'],
          summary: 'The activation wizard: what to do in Procountor, step by step',
          description:
            "As integrations' help pages describe it. With connectionId, the connection's client identifier is filled into the text.",
          querystring: Type.Object({ connectionId: Type.Optional(Type.String()) }),
          response: { 200: Type.Object({ steps: Type.Array(ActivationStepResponse) }) },
        },
      },
      async (request) => {
        const { connectionId } = request.query;
        if (!connectionId) return { steps: activationStepsFor('<your client identifier>') };
        assertConnectionAccess(request, connectionId);
        const connection = await connections.get(connectionId);
        return { steps: activationStepsFor(connection.clientId, connection.id) };
      },
    );
  };
}
