// TypeBox schemas of the connections API, with descriptions that /openapi.json and the console show.
import { type Static, Type } from 'typebox';
import { MAX_API_KEY_CHARS, MAX_CLIENT_ID_CHARS, MAX_CLIENT_SECRET_CHARS } from './connection-input';
import type { ConnectionStoredRecord } from './connection-repository';
import { ConnectionSettingsSchema } from './connection-settings';

export const ConnectionIdParams = Type.Object({
  connectionId: Type.String({ description: 'The connection id, e.g. con_3f9a1c0b2d4e6f80.' }),
});

const Environment = Type.Union([Type.Literal('production'), Type.Literal('test'), Type.Literal('custom')], {
  description:
    "production: api.procountor.com; test: Procountor's public test server; custom: any base URL (the emulator, a proxy).",
});
const BaseUrl = Type.String({
  maxLength: 2000,
  description:
    'Procountor API base URL. Required for custom; for production and test only to pin a versioned base such as https://api.procountor.com/v2604/api.',
});
const ClientId = Type.String({
  minLength: 1,
  maxLength: MAX_CLIENT_ID_CHARS,
  description:
    'The client identifier Procountor issued for this integration; users enter it when creating the API key.',
});
const ClientSecret = Type.String({
  minLength: 1,
  maxLength: MAX_CLIENT_SECRET_CHARS,
  description: 'The client secret. Stored encrypted, never shown again.',
});
const ApiKey = Type.String({
  minLength: 1,
  maxLength: MAX_API_KEY_CHARS,
  description: "The company's API key from Procountor. Stored encrypted, shown only as its last four characters.",
});
/** Checked by the service against ConnectionSettingsSchema (every problem listed); open here so no defaults are injected. */
const SettingsPatch = Type.Record(Type.String(), Type.Unknown(), {
  description:
    'Settings to set (see GET /v1/connection-settings for names, rules and defaults); null puts a setting back to its default.',
});

export const CreateConnectionBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'A unique name, e.g. the customer company.' }),
    environment: Environment,
    baseUrl: Type.Optional(BaseUrl),
    clientId: ClientId,
    clientSecret: ClientSecret,
    apiKey: ApiKey,
    settings: Type.Optional(SettingsPatch),
  },
  { additionalProperties: false },
);

export const UpdateConnectionBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A new unique name.' })),
    settings: Type.Optional(SettingsPatch),
  },
  { additionalProperties: false },
);

export const ReplaceCredentialsBody = Type.Object(
  {
    environment: Type.Optional(Environment),
    baseUrl: Type.Optional(BaseUrl),
    clientId: Type.Optional(ClientId),
    clientSecret: Type.Optional(ClientSecret),
    apiKey: Type.Optional(ApiKey),
  },
  {
    additionalProperties: false,
    description:
      'Fields left out keep their value. On an active connection the new credentials are checked with Procountor first.',
  },
);

const Timestamp = (description: string) =>
  Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description });

export const ConnectionResponse = Type.Object({
  id: Type.String(),
  name: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('active'), Type.Literal('disabled')], {
    description: 'draft: not checked yet; active: checked, sends documents; disabled: accepts and sends nothing.',
  }),
  environment: Environment,
  baseUrl: Type.String(),
  clientId: Type.String(),
  clientSecretMasked: Type.String({ description: 'Last four characters of the client secret.' }),
  apiKeyMasked: Type.String({ description: 'Last four characters of the API key.' }),
  credentialsVersion: Type.Integer({ description: 'Raised on every credential change.' }),
  procountorCompanyId: Type.Union([Type.Integer(), Type.Null()]),
  companyName: Type.Union([Type.String(), Type.Null()], { description: "The company's name in Procountor." }),
  companyBusinessId: Type.Union([Type.String(), Type.Null()], { description: 'Its business ID (Y-tunnus).' }),
  companyIban: Type.Union([Type.String(), Type.Null()], { description: 'Its default bank account for invoices.' }),
  settings: ConnectionSettingsSchema,
  activatedAt: Timestamp('When the credentials were first accepted by Procountor.'),
  lastCheckedAt: Timestamp('When the credentials were last checked.'),
  lastCheckError: Type.Union([Type.String(), Type.Null()], { description: 'Why the last check failed, if it did.' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type ConnectionResponse = Static<typeof ConnectionResponse>;

/** The API view of a connection: secrets only masked, dates as ISO strings. */
export function toConnectionResponse(connection: ConnectionStoredRecord): ConnectionResponse {
  const iso = (date: Date | null) => (date ? date.toISOString() : null);
  return {
    id: connection.id,
    name: connection.name,
    status: connection.status,
    environment: connection.environment,
    baseUrl: connection.baseUrl,
    clientId: connection.clientId,
    clientSecretMasked: connection.clientSecretMasked,
    apiKeyMasked: connection.apiKeyMasked,
    credentialsVersion: connection.credentialsVersion,
    procountorCompanyId: connection.procountorCompanyId,
    companyName: connection.companyName,
    companyBusinessId: connection.companyBusinessId,
    companyIban: connection.companyIban,
    settings: connection.settings,
    activatedAt: iso(connection.activatedAt),
    lastCheckedAt: iso(connection.lastCheckedAt),
    lastCheckError: connection.lastCheckError,
    createdAt: connection.createdAt.toISOString(),
    updatedAt: connection.updatedAt.toISOString(),
  };
}
