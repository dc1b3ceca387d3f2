// Generators of malformed request bodies (fast-check): each takes a valid body and its JSON Schema and breaks it in
// one place, saying which field path the bridge's refusal must name. Used by malformed-bodies.integration.test.ts.
import fc from 'fast-check';
import {
  admitsType,
  alternativesOf,
  childPath,
  isUnconstrained,
  itemSchemas,
  type JsonSchema,
  propertySchemas,
} from '../../src/validation/schema-positions';
import { MULTILINE_KEYWORD } from '../../src/validation/storable-text';

/** One broken body: the JSON value (or raw text, for invalid JSON) and the paths of which the refusal names one. */
export interface Malformation {
  kind: string;
  description: string;
  body?: unknown;
  text?: string;
  /** The refusal must name one of these paths in details[].path ("rows[0].bar"; "(body)" for the whole body). */
  expectedPaths: string[];
}

/** A value in the body with the schemas describing it, and where it sits. */
interface Site {
  path: string;
  keys: (string | number)[];
  value: unknown;
  schemas: JsonSchema[];
  /** The object holding it requires it (a property), or it is an array item. */
  isRequired: boolean;
}

const JSON_TYPES = ['string', 'number', 'boolean', 'null', 'array', 'object'] as const;

function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Every value of `body` whose position the schema constrains (open positions, Type.Unknown, are left out). */
export function sitesOf(schema: JsonSchema, body: unknown): Site[] {
  const sites: Site[] = [];
  const walk = (
    schemas: JsonSchema[],
    value: unknown,
    keys: (string | number)[],
    path: string,
    isRequired: boolean,
  ) => {
    if (schemas.length === 0 || schemas.every(isUnconstrained)) return;
    sites.push({ path: path || '(body)', keys, value, schemas, isRequired });
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) {
        walk(itemSchemas(schemas, index), item, [...keys, index], childPath(path, index), true);
      }
    } else if (value && typeof value === 'object') {
      const required = new Set(schemas.flatMap((candidate) => (candidate.required as string[] | undefined) ?? []));
      for (const [key, child] of Object.entries(value)) {
        walk(propertySchemas(schemas, key), child, [...keys, key], childPath(path, key), required.has(key));
      }
    }
  };
  walk(alternativesOf(schema), body, [], '', true);
  return sites;
}

/** A deep copy of `body` with the value at `keys` replaced. */
function replaceAt(body: unknown, keys: (string | number)[], replacement: unknown): unknown {
  if (keys.length === 0) return replacement;
  const copy = structuredClone(body) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of keys.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  parent[keys[keys.length - 1]!] = replacement;
  return copy;
}

function objectSchemasOf(site: Site): JsonSchema[] {
  return site.schemas.filter((schema) => typeof schema.properties === 'object');
}

const hasDefault = (site: Site, key: string) =>
  propertySchemas(objectSchemasOf(site), key).some((schema) => 'default' in schema);

/** A value of a JSON type the position does not admit: 12345 for a string, "14" for a number, ["a"] for "a"… */
function wrongTypeAt(site: Site): fc.Arbitrary<Malformation> | undefined {
  const admitted = new Set(JSON_TYPES.filter((type) => site.schemas.some((schema) => admitsType(schema, type))));
  // null of an optional property means "not given" (validation/null-as-absent.ts): not a wrong type there.
  const wrong = JSON_TYPES.filter((type) => !admitted.has(type) && (type !== 'null' || site.isRequired));
  if (wrong.length === 0 || admitted.size === 0) return undefined;
  const arbitraryOf: Record<(typeof JSON_TYPES)[number], fc.Arbitrary<unknown>> = {
    string: fc.oneof(fc.string({ maxLength: 8 }), fc.constant(String(site.value))),
    number: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })),
    boolean: fc.boolean(),
    null: fc.constant(null),
    // An array of the right value must not collapse to it (no coercion).
    array: fc.oneof(fc.constant([site.value]), fc.array(fc.integer(), { maxLength: 2 })),
    object: fc.oneof(fc.constant({}), fc.constant({ value: site.value })),
  };
  return fc.constantFrom(...wrong).chain((type) =>
    arbitraryOf[type].map((value) => ({
      kind: 'wrong type',
      description: `${site.path}: ${JSON.stringify(value)} (${type}) instead of ${[...admitted].join('/')}`,
      body: value,
      expectedPaths: [site.path],
    })),
  );
}

const PROPERTY_NAME = fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,12}$/);

/** A property the schema does not know, in an object that takes no others. */
function unknownPropertyAt(site: Site): fc.Arbitrary<Malformation> | undefined {
  if (jsonTypeOf(site.value) !== 'object') return undefined;
  const closed = site.schemas.filter((schema) => schema.additionalProperties === false && !schema.patternProperties);
  if (closed.length === 0) return undefined;
  const known = new Set(closed.flatMap((schema) => Object.keys((schema.properties as object | undefined) ?? {})));
  return fc
    .tuple(
      PROPERTY_NAME.filter((name) => !known.has(name)),
      fc.jsonValue({ maxDepth: 1 }),
    )
    .map(([name, value]) => ({
      kind: 'unknown property',
      description: `${childPath(site.path === '(body)' ? '' : site.path, name)} added`,
      body: { ...(site.value as object), [name]: value },
      expectedPaths: [childPath(site.path === '(body)' ? '' : site.path, name)],
    }));
}

const C0_CONTROLS = [...Array(32).keys()].filter((code) => ![9, 10, 13].includes(code));

/** NUL, a lone surrogate or a control character inserted into a string; tab/CR/LF where the field is one line. */
function badTextAt(site: Site): fc.Arbitrary<Malformation> | undefined {
  if (typeof site.value !== 'string') return undefined;
  const multiline = site.schemas.some((schema) => schema[MULTILINE_KEYWORD] === true);
  const characters = [
    '\u0000',
    '\ud800',
    '\udfff',
    ...C0_CONTROLS.map((code) => String.fromCharCode(code)),
    ...(multiline ? [] : ['\t', '\n', '\r']),
  ];
  const text = site.value;
  return fc.tuple(fc.constantFrom(...characters), fc.nat({ max: text.length })).map(([character, at]) => ({
    kind: 'text that cannot be stored',
    description: `${site.path}: U+${character.charCodeAt(0).toString(16).padStart(4, '0')} at ${at}`,
    body: `${text.slice(0, at)}${character}${text.slice(at)}`,
    expectedPaths: [site.path],
  }));
}

/** A required property left out (one without a default, which would fill it). */
function missingRequiredAt(site: Site): fc.Arbitrary<Malformation> | undefined {
  if (jsonTypeOf(site.value) !== 'object') return undefined;
  const required = new Set(objectSchemasOf(site).flatMap((schema) => (schema.required as string[] | undefined) ?? []));
  const present = Object.keys(site.value as object).filter((key) => required.has(key) && !hasDefault(site, key));
  if (present.length === 0) return undefined;
  const base = site.path === '(body)' ? '' : site.path;
  return fc.constantFrom(...present).map((key) => ({
    kind: 'missing required field',
    description: `${childPath(base, key)} left out`,
    body: Object.fromEntries(Object.entries(site.value as object).filter(([name]) => name !== key)),
    expectedPaths: [childPath(base, key)],
  }));
}

/** null for a required property or an array item, where the schema does not allow null. */
function nullNotAllowedAt(site: Site): fc.Arbitrary<Malformation> | undefined {
  if (!site.isRequired || site.keys.length === 0) return undefined;
  if (site.schemas.some((schema) => admitsType(schema, 'null'))) return undefined;
  return fc.constant({
    kind: 'null where not allowed',
    description: `${site.path}: null`,
    body: null,
    expectedPaths: [site.path],
  });
}

/** A string longer than the field's maxLength. */
function oversizedStringAt(site: Site): fc.Arbitrary<Malformation> | undefined {
  if (typeof site.value !== 'string') return undefined;
  const limits = site.schemas.map((schema) => schema.maxLength).filter((limit) => typeof limit === 'number');
  if (limits.length === 0) return undefined;
  const limit = Math.max(...(limits as number[]));
  return fc.integer({ min: 1, max: 5_000 }).map((extra) => ({
    kind: 'oversized string',
    description: `${site.path}: ${limit + extra} characters, at most ${limit}`,
    body: 'x'.repeat(limit + extra),
    expectedPaths: [site.path],
  }));
}

/** A class of malformation: the replacement of a site's value, or undefined when the class does not apply there. */
export interface SiteMalformation {
  kind: string;
  at: (site: Site) => fc.Arbitrary<Malformation> | undefined;
}

/**
 * Numeric and date range malformations (amounts, quantities, prices, percentages, invoice and due dates outside
 * what Procountor accepts) belong to the number and date limits of issue #12 point 3: add their classes here and
 * every write route is fuzzed with them too.
 */
export const RANGE_MALFORMATIONS: SiteMalformation[] = [];

const SITE_MALFORMATIONS: SiteMalformation[] = [
  { kind: 'wrong type', at: wrongTypeAt },
  { kind: 'unknown property', at: unknownPropertyAt },
  { kind: 'text that cannot be stored', at: badTextAt },
  { kind: 'missing required field', at: missingRequiredAt },
  { kind: 'null where not allowed', at: nullNotAllowedAt },
  { kind: 'oversized string', at: oversizedStringAt },
  ...RANGE_MALFORMATIONS,
];

/** Text that JSON.parse refuses: the body's JSON cut short, or with a character put where JSON takes none. */
function invalidJsonOf(body: unknown): fc.Arbitrary<Malformation> {
  const text = JSON.stringify(body, null, 2);
  const breakers = ['{', '}', '[', ']', ',', ':', '"', 'x', "'", '\\', '\u0001', '01', 'NaN', '/*'];
  const cut = fc.integer({ min: 1, max: text.length - 1 }).map((at) => text.slice(0, at));
  const inserted = fc
    .tuple(fc.nat({ max: text.length }), fc.constantFrom(...breakers))
    .map(([at, breaker]) => `${text.slice(0, at)}${breaker}${text.slice(at)}`);
  return fc
    .oneof(cut, inserted)
    .filter((candidate) => {
      try {
        JSON.parse(candidate);
        return false;
      } catch {
        return true;
      }
    })
    .map((candidate) => ({
      kind: 'invalid JSON',
      description: `${candidate.length} characters of broken JSON`,
      text: candidate,
      expectedPaths: ['(body)'],
    }));
}

/**
 * Every malformation of `body` the generators know, one defect each: a class first (each as likely), then a site.
 * `kinds` says which classes apply to this body.
 */
export function malformationsOf(
  schema: JsonSchema,
  body: unknown,
): { arbitrary: fc.Arbitrary<Malformation>; kinds: string[] } {
  const byKind = new Map<string, fc.Arbitrary<Malformation>[]>([['invalid JSON', [invalidJsonOf(body)]]]);
  for (const site of sitesOf(schema, body)) {
    for (const { kind, at } of SITE_MALFORMATIONS) {
      const arbitrary = at(site);
      if (!arbitrary) continue;
      const placed = arbitrary.map((malformation) => ({
        ...malformation,
        body: replaceAt(body, site.keys, malformation.body),
      }));
      byKind.set(kind, [...(byKind.get(kind) ?? []), placed]);
    }
  }
  const classes = [...byKind.values()].map((sites) => fc.oneof(...sites));
  return { arbitrary: fc.oneof(...classes), kinds: [...byKind.keys()] };
}
