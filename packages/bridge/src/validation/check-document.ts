// The one check of a JSON document against its schema, used by every route body (build-server's validator compiler)
// and by the domain checks of documents a route leaves open (batch documents, dry runs): so both refuse the same.
// Nothing is coerced: 12345 is not "12345", ["a"] is not "a", true is not 1 (issue #12).
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { ErrorDetail } from '../errors/bridge-error';
import { schemaErrorsToDetails } from '../errors/schema-error-detail';
import { removeNullOptionals } from './null-as-absent';
import type { JsonSchema } from './schema-positions';
import { MULTILINE_KEYWORD } from './storable-text';
import { storableTextProblems } from './text-problems';

/** Ajv as the bridge ran it inside Fastify (every problem reported, unknown fields kept to be refused), less coercion when asked; `multiline` is an annotation. */
export function createAjv(options: { coerceTypes: false | 'array' }): Ajv {
  const ajv = new Ajv({
    coerceTypes: options.coerceTypes,
    useDefaults: true,
    removeAdditional: false,
    allErrors: true,
    // Puts the offending value in each error, so a message can say "must be a string, not a number".
    verbose: true,
    // Schemas are compiled by object; the same $id in several routes' bodies must not clash.
    addUsedSchema: false,
  });
  addFormats(ajv);
  ajv.addVocabulary([MULTILINE_KEYWORD]);
  return ajv;
}

const documentAjv = createAjv({ coerceTypes: false });

/**
 * Every problem of a document by field path (schema rules, then text that cannot be stored or printed), or [] when
 * it is valid. Normalises the document in place first: `null` of an optional property is removed (null-as-absent.ts)
 * and the schema's defaults are filled in. Route bodies are fresh; domain checks pass a copy.
 */
export type DocumentCheck = (document: unknown) => ErrorDetail[];

const checks = new WeakMap<object, DocumentCheck>();

/** The check of documents of `schema`, compiled once per schema object. */
export function compileDocumentCheck(schema: object): DocumentCheck {
  const known = checks.get(schema);
  if (known) return known;
  const validate = documentAjv.compile(schema);
  const check: DocumentCheck = (document) => {
    removeNullOptionals(schema as JsonSchema, document);
    const schemaProblems = validate(document) ? [] : schemaErrorsToDetails(validate.errors ?? []);
    return [...schemaProblems, ...storableTextProblems(schema as JsonSchema, document)];
  };
  checks.set(schema, check);
  return check;
}
