// Turns JSON Schema errors (Ajv's shape; TypeBox's Value.Errors is alike) into the bridge's field details with a
// plain sentence: the path of the field ("rows[0].bar"), the rule, and what was expected instead of what was sent.
import type { ErrorDetail } from './bridge-error';

export interface SchemaError {
  keyword: string;
  instancePath: string;
  /** Where in the schema the rule is: Ajv "#/properties/kind/anyOf/0/const"; groups an anyOf's alternatives. */
  schemaPath?: string;
  params: Record<string, unknown>;
  message?: string;
  /** The value that broke the rule (Ajv's `verbose` option). */
  data?: unknown;
}

/** "/rows/0/unitPrice" → "rows[0].unitPrice". */
export function toDetailPath(instancePath: string, property?: string): string {
  const parts = instancePath
    .split('/')
    .filter(Boolean)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (property !== undefined) parts.push(property);
  return (
    parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '') ||
    '(body)'
  );
}

/** "a string", "an integer", "null". */
function typeName(type: string): string {
  if (type === 'null') return 'null';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function expectedTypes(params: Record<string, unknown>): string[] {
  const type = params.type;
  return Array.isArray(type)
    ? type.map(String)
    : String(type ?? '')
        .split(',')
        .filter(Boolean);
}

function typeDetail(path: string, types: string[], data: unknown, hasData: boolean): ErrorDetail {
  const expected = types.map(typeName).join(' or ');
  const sent = hasData ? `, not ${typeName(jsonTypeOf(data))}` : '';
  return { path, rule: 'type', message: `must be ${expected}${sent}` };
}

export function schemaErrorToDetail(error: SchemaError): ErrorDetail {
  const { keyword, params } = error;
  const path = toDetailPath(error.instancePath);
  switch (keyword) {
    case 'required': {
      const missing = (params.requiredProperties as string[] | undefined)?.[0] ?? String(params.missingProperty ?? '');
      return { path: toDetailPath(error.instancePath, missing), rule: 'required', message: 'is required' };
    }
    case 'additionalProperties': {
      // Ajv names one property per error; TypeBox lists them all.
      const names =
        typeof params.additionalProperty === 'string'
          ? [params.additionalProperty]
          : ((params.additionalProperties as string[] | undefined) ?? []);
      const [first, ...others] = names;
      return {
        path: first === undefined ? path : toDetailPath(error.instancePath, first),
        rule: 'no_unknown_fields',
        message:
          others.length === 0
            ? 'is not a field of this object; remove it or check its spelling'
            : `is not a field of this object, nor are ${others.join(', ')}`,
      };
    }
    case 'type':
      return typeDetail(path, expectedTypes(params), error.data, 'data' in error);
    case 'maxLength':
      return { path, rule: `max_length_${params.limit}`, message: `is longer than ${params.limit} characters` };
    case 'minLength':
      return {
        path,
        rule: `min_length_${params.limit}`,
        message: params.limit === 1 ? 'must not be empty' : `is shorter than ${params.limit} characters`,
      };
    case 'const':
      return { path, rule: 'one_of', message: `must be ${JSON.stringify(params.allowedValue)}` };
    case 'enum':
      return {
        path,
        rule: 'one_of',
        message: `must be one of ${((params.allowedValues as unknown[]) ?? []).map((value) => JSON.stringify(value)).join(', ')}`,
      };
    default:
      return { path, rule: keyword, message: error.message ?? `breaks the ${keyword} rule` };
  }
}

/** The alternative (index) of anyOf/oneOf at `unionPath` that `error` belongs to, or undefined. */
function alternativeOf(error: SchemaError, unionPath: string): number | undefined {
  if (!error.schemaPath?.startsWith(`${unionPath}/`)) return undefined;
  const index = Number(error.schemaPath.slice(unionPath.length + 1).split('/')[0]);
  return Number.isInteger(index) ? index : undefined;
}

/** A union none of whose alternatives fits the value's kind, as one error: "must be a string or null". */
const KINDS_KEYWORD = 'kinds';

/** An alternative the value is not even the kind of (another type or constant), so its errors say nothing useful. */
function isKindMismatch(error: SchemaError, instancePath: string): boolean {
  return error.instancePath === instancePath && ['type', 'const', 'enum', KINDS_KEYWORD].includes(error.keyword);
}

function kindsError(union: SchemaError, alternatives: readonly SchemaError[][]): SchemaError {
  const types = new Set<string>();
  const allowed: unknown[] = [];
  for (const errors of alternatives) {
    // A literal ({ type: 'string', const: 'fi' }) is named by its value; its type error says nothing more.
    const isLiteral = errors.some((error) => error.keyword === 'const' || error.keyword === 'enum');
    for (const error of errors) {
      if (error.keyword === 'type' && !isLiteral) for (const type of expectedTypes(error.params)) types.add(type);
      if (error.keyword === 'const') allowed.push(error.params.allowedValue);
      if (error.keyword === 'enum') allowed.push(...((error.params.allowedValues as unknown[]) ?? []));
      if (error.keyword === KINDS_KEYWORD) {
        for (const type of error.params.types as string[]) types.add(type);
        allowed.push(...(error.params.allowed as unknown[]));
      }
    }
  }
  return { ...union, keyword: KINDS_KEYWORD, params: { types: [...types], allowed } };
}

function kindsDetail(error: SchemaError): ErrorDetail {
  const path = toDetailPath(error.instancePath);
  const types = error.params.types as string[];
  const allowed = (error.params.allowed as unknown[]).map((value) => JSON.stringify(value));
  if (types.length === 0) return { path, rule: 'one_of', message: `must be one of ${allowed.join(', ')}` };
  if (allowed.length === 0) return typeDetail(path, types, error.data, 'data' in error);
  return { path, rule: 'one_of', message: `must be ${[...types.map(typeName), ...allowed].join(' or ')}` };
}

/**
 * Every problem once, by field path. A union (anyOf/oneOf) is reported by the alternatives that fit the value's
 * kind (an object's own field errors), or else as one detail: "must be a string or null", "must be one of …".
 */
export function schemaErrorsToDetails(errors: readonly SchemaError[]): ErrorDetail[] {
  let remaining = [...errors];
  // Details keep the order of the errors; a merged union takes its union error's place.
  const order = new Map<SchemaError, number>(errors.map((error, index) => [error, index]));
  const unions = errors
    .filter((error) => (error.keyword === 'anyOf' || error.keyword === 'oneOf') && error.schemaPath !== undefined)
    .sort((a, b) => b.schemaPath!.length - a.schemaPath!.length);
  for (const union of unions) {
    // Ajv points the union's error at ".../anyOf", TypeBox at the schema holding it.
    const suffix = `/${union.keyword}`;
    const unionPath = union.schemaPath!.endsWith(suffix) ? union.schemaPath! : `${union.schemaPath}${suffix}`;
    const members = remaining.filter((error) => alternativeOf(error, unionPath) !== undefined);
    remaining = remaining.filter((error) => error !== union && !members.includes(error));
    const byAlternative = new Map<number, SchemaError[]>();
    for (const member of members) {
      const index = alternativeOf(member, unionPath)!;
      byAlternative.set(index, [...(byAlternative.get(index) ?? []), member]);
    }
    const fitting = [...byAlternative.values()].filter(
      (group) => !group.every((error) => isKindMismatch(error, union.instancePath)),
    );
    if (fitting.length > 0) remaining.push(...fitting.flat());
    else {
      const merged = kindsError(union, [...byAlternative.values()]);
      order.set(merged, order.get(union) ?? errors.length);
      remaining.push(merged);
    }
  }
  remaining.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  const details = remaining.map((error) =>
    error.keyword === KINDS_KEYWORD ? kindsDetail(error) : schemaErrorToDetail(error),
  );
  const seen = new Set<string>();
  return details.filter((detail) => {
    const key = `${detail.path}\u0001${detail.rule}\u0001${detail.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
