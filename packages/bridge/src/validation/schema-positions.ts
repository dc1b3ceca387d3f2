// Reads a JSON Schema alongside a value: which subschemas describe a property or an item, through anyOf/oneOf/allOf.
// The walkers that treat null as absent and check text use it; they never need the value to be valid.

/** A JSON Schema as TypeBox builds it (plain JSON Schema 2020-12 objects). */
export type JsonSchema = Record<string, unknown>;

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema and every branch of its anyOf, oneOf and allOf, depth first: each may describe the position. */
export function alternativesOf(schema: JsonSchema): JsonSchema[] {
  const found: JsonSchema[] = [schema];
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    const branches = schema[keyword];
    if (Array.isArray(branches))
      for (const branch of branches) if (isSchema(branch)) found.push(...alternativesOf(branch));
  }
  return found;
}

const CONSTRAINING_KEYWORDS = [
  'type',
  'const',
  'enum',
  'properties',
  'patternProperties',
  'additionalProperties',
  'items',
  'prefixItems',
  'anyOf',
  'oneOf',
  'allOf',
  'not',
];

/** True for `{}` and annotation-only schemas (Type.Unknown): the route left the value to a later check. */
export function isUnconstrained(schema: JsonSchema): boolean {
  return !CONSTRAINING_KEYWORDS.some((keyword) => keyword in schema);
}

/** The subschemas that describe property `key` of an object described by `schemas`. */
export function propertySchemas(schemas: readonly JsonSchema[], key: string): JsonSchema[] {
  const found: JsonSchema[] = [];
  for (const schema of schemas) {
    const properties = schema.properties;
    if (isSchema(properties) && Object.hasOwn(properties, key) && isSchema(properties[key])) {
      found.push(...alternativesOf(properties[key]));
      continue;
    }
    let matched = false;
    const patterns = schema.patternProperties;
    if (isSchema(patterns)) {
      for (const [pattern, sub] of Object.entries(patterns)) {
        if (isSchema(sub) && new RegExp(pattern, 'u').test(key)) {
          found.push(...alternativesOf(sub));
          matched = true;
        }
      }
    }
    if (!matched && isSchema(schema.additionalProperties)) found.push(...alternativesOf(schema.additionalProperties));
  }
  return found;
}

/** The subschemas that describe item `index` of an array described by `schemas`. */
export function itemSchemas(schemas: readonly JsonSchema[], index: number): JsonSchema[] {
  const found: JsonSchema[] = [];
  for (const schema of schemas) {
    const prefix = schema.prefixItems;
    if (Array.isArray(prefix) && index < prefix.length && isSchema(prefix[index])) {
      found.push(...alternativesOf(prefix[index]));
    } else if (isSchema(schema.items)) found.push(...alternativesOf(schema.items));
  }
  return found;
}

/** Whether `schema` lets the value be of JSON type `type` ('string', 'null'…), by `type`, `const` or `enum`. */
export function admitsType(schema: JsonSchema, type: string): boolean {
  const declared = schema.type;
  if (declared === type || (Array.isArray(declared) && declared.includes(type))) return true;
  if (type === 'number' && (declared === 'integer' || (Array.isArray(declared) && declared.includes('integer'))))
    return true;
  const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);
  if ('const' in schema && jsonType(schema.const) === type) return true;
  return Array.isArray(schema.enum) && schema.enum.some((value) => jsonType(value) === type);
}

/** The names an object described by `schemas` must have. */
export function requiredNames(schemas: readonly JsonSchema[]): Set<string> {
  const names = new Set<string>();
  for (const schema of schemas) if (Array.isArray(schema.required)) for (const name of schema.required) names.add(name);
  return names;
}

/** "rows[0].name" from a parent path and a property name or item index. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}
