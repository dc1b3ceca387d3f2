// `null` for an optional property means "not given": many sources send null for an empty field. The property is
// removed before validation, unless its schema allows null (then null is the value) or leaves it to a later check.
import {
  admitsType,
  alternativesOf,
  isUnconstrained,
  itemSchemas,
  type JsonSchema,
  propertySchemas,
  requiredNames,
} from './schema-positions';

function objectSchemasOf(schemas: readonly JsonSchema[]): JsonSchema[] {
  return schemas.filter((schema) => admitsType(schema, 'object') || 'properties' in schema);
}

function walk(schemas: readonly JsonSchema[], value: unknown): void {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) walk(itemSchemas(schemas, index), item);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const objectSchemas = objectSchemasOf(schemas);
  if (objectSchemas.length === 0) return;
  const required = requiredNames(objectSchemas);
  const record = value as Record<string, unknown>;
  for (const [key, child] of Object.entries(record)) {
    const described = propertySchemas(objectSchemas, key);
    if (child === null) {
      const declared = objectSchemas.some(
        (schema) => typeof schema.properties === 'object' && Object.hasOwn(schema.properties as object, key),
      );
      const nullIsAValue = described.some((schema) => isUnconstrained(schema) || admitsType(schema, 'null'));
      if (declared && !required.has(key) && !nullIsAValue) delete record[key];
    } else if (described.length > 0) walk(described, child);
  }
}

/** Removes, in place, every null of an optional property whose schema does not allow null; returns `value`. */
export function removeNullOptionals<T>(schema: JsonSchema, value: T): T {
  walk(alternativesOf(schema), value);
  return value;
}
