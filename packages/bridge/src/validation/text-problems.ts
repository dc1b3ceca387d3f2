// Checks every string of a value, and every property name, against the storable-text rule, reading the schema
// only to know which fields take several lines. Positions the schema leaves open (Type.Unknown) are skipped: the
// check that later validates them (a batch's documents, a dry run's body) runs this too.
import type { ErrorDetail } from '../errors/bridge-error';
import {
  admitsType,
  alternativesOf,
  childPath,
  isUnconstrained,
  itemSchemas,
  type JsonSchema,
  propertySchemas,
} from './schema-positions';
import { MULTILINE_KEYWORD, textProblem } from './storable-text';

function walk(schemas: readonly JsonSchema[], value: unknown, path: string, problems: ErrorDetail[]): void {
  if (schemas.length === 0 || schemas.every(isUnconstrained)) return;
  if (typeof value === 'string') {
    const multiline = schemas.some((schema) => admitsType(schema, 'string') && schema[MULTILINE_KEYWORD] === true);
    const problem = textProblem(value, { multiline });
    if (problem) problems.push({ path: path || '(body)', ...problem });
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries())
      walk(itemSchemas(schemas, index), item, childPath(path, index), problems);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = textProblem(key, { multiline: false });
    if (keyProblem) {
      problems.push({ path: childPath(path, key), rule: keyProblem.rule, message: `its name ${keyProblem.message}` });
      continue;
    }
    walk(propertySchemas(schemas, key), child, childPath(path, key), problems);
  }
}

/** One detail per string (or property name) that cannot be stored or printed, by field path ("rows[0].name"). */
export function storableTextProblems(schema: JsonSchema, value: unknown, basePath = ''): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  walk(alternativesOf(schema), value, basePath, problems);
  return problems;
}
