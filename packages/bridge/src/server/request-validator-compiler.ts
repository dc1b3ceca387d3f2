// Fastify's validator compiler for the bridge: a JSON body is checked as it is (check-document.ts: no coercion);
// query-string, path and header values are text on the wire, so declared integers and booleans are converted there.
import type { FastifySchemaCompiler } from 'fastify';
import { type ErrorDetail, ValidationFailedError } from '../errors/bridge-error';
import { schemaErrorsToDetails } from '../errors/schema-error-detail';
import { compileDocumentCheck, createAjv } from '../validation/check-document';
import type { JsonSchema } from '../validation/schema-positions';
import { storableTextProblems } from '../validation/text-problems';

const urlPartAjv = createAjv({ coerceTypes: 'array' });

/** Paths of a URL part's problems say where the value was: "querystring.limit", "params.externalId". */
function urlPartCheck(schema: object, part: string): (value: unknown) => ErrorDetail[] {
  const validate = urlPartAjv.compile(schema);
  const prefixed = (detail: ErrorDetail) => ({
    ...detail,
    path: detail.path === '(body)' ? part : `${part}.${detail.path}`,
  });
  return (value) => {
    const problems = validate(value) ? [] : schemaErrorsToDetails(validate.errors ?? []);
    return [...problems, ...storableTextProblems(schema as JsonSchema, value)].map(prefixed);
  };
}

export const requestValidatorCompiler: FastifySchemaCompiler<object> = ({ schema, httpPart }) => {
  const check = httpPart === 'body' ? compileDocumentCheck(schema) : urlPartCheck(schema, httpPart ?? 'request');
  return (value: unknown) => {
    const problems = check(value);
    return problems.length > 0 ? { error: new ValidationFailedError(problems) } : { value };
  };
};
