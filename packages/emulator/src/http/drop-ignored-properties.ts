// Procountor ignores request properties its contract does not name, and reads a property sent as null as one left out
// (assumptions, README "Unknown and null properties"): both are dropped from every /api JSON body before any handler
// validates or stores it, so an unknown property is never echoed back.
import { type ContractOperation, contractOperations, contractSchemas } from '@procountor-bridge/client/generated';
import type { FastifyInstance, FastifyRequest } from 'fastify';

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
}

const SCHEMA_REF = '#/components/schemas/';

function resolve(schema: Schema | undefined): Schema | undefined {
  let current = schema;
  // A $ref names a component schema; its siblings are prose only (the generator keeps them out).
  while (current?.$ref?.startsWith(SCHEMA_REF))
    current = contractSchemas[current.$ref.slice(SCHEMA_REF.length)] as Schema;
  return current;
}

/**
 * `value` with every property its schema does not allow, and every property whose value is null, left out, at every
 * depth. An object schema with `properties` and no `additionalProperties` allows only those (the contract's objects
 * are closed unless they say otherwise, as Webhook.authenticationMeta does). Returns the same object when nothing is
 * dropped.
 */
export function withoutIgnoredProperties(schemaOrName: Schema | string, value: unknown): unknown {
  const schema = resolve(typeof schemaOrName === 'string' ? { $ref: `${SCHEMA_REF}${schemaOrName}` } : schemaOrName);
  if (!schema || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    if (!schema.items) return value;
    let changed = false;
    const items = value.map((item) => {
      const kept = withoutIgnoredProperties(schema.items!, item);
      if (kept !== item) changed = true;
      return kept;
    });
    return changed ? items : value;
  }
  const extra = schema.additionalProperties;
  if (!schema.properties && extra === undefined) return value;
  let changed = false;
  const kept: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // Jackson binds null as "not given": a required one then fails as missing ("must not be null").
    if (inner === null) {
      changed = true;
      continue;
    }
    const known = schema.properties?.[key];
    const innerSchema = known ?? (typeof extra === 'object' ? extra : undefined);
    if (!known && extra !== true && typeof extra !== 'object') {
      changed = true;
      continue;
    }
    const keptInner = innerSchema ? withoutIgnoredProperties(innerSchema, inner) : inner;
    if (keptInner !== inner) changed = true;
    kept[key] = keptInner;
  }
  return changed ? kept : value;
}

/** "/api/invoices/:invoiceId" → "/invoices/{}": the shape of a route, parameters named or not. */
const shapeOf = (path: string) => path.replace(/^\/api(?=\/)/, '').replace(/\{[^}]+\}|:[^/]+/g, '{}');

const operationsByShape = new Map<string, ContractOperation>();
for (const [key, operation] of Object.entries(contractOperations)) {
  const [method, path] = key.split(' ', 2) as [string, string];
  operationsByShape.set(`${method} ${shapeOf(path)}`, operation);
}

const jsonSchemaCache = new Map<string, Schema | null>();

/** The contract's JSON request body schema of the route a request matched, or null when it has none. */
function requestSchemaOf(request: FastifyRequest): Schema | null {
  const key = `${request.method} ${request.routeOptions.url ?? ''}`;
  let schema = jsonSchemaCache.get(key);
  if (schema === undefined) {
    const operation = operationsByShape.get(`${request.method} ${shapeOf(request.routeOptions.url ?? '')}`);
    const content = operation?.requestBody?.content ?? {};
    const jsonType = Object.keys(content).find((type) => type.includes('json'));
    schema = jsonType ? ((content[jsonType]!.schema as Schema | undefined) ?? null) : null;
    jsonSchemaCache.set(key, schema);
  }
  return schema;
}

export function installIgnoredPropertyFilter(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (!request.url.startsWith('/api/') || request.body === null || typeof request.body !== 'object') return;
    const schema = requestSchemaOf(request);
    if (schema) request.body = withoutIgnoredProperties(schema, request.body);
  });
}
