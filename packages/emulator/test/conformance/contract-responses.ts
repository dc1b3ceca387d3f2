// Reads the contract (openapi.json) and validates logged responses against its response schemas, per operation.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** The repository root: packages/emulator/test/conformance → four levels up. */
export const REPO_ROOT = resolve(import.meta.dirname, '../../../..');
/** The contract sits beside the repository, never inside it (DESIGN.md, Conventions). */
export const CONTRACT_PATH = resolve(REPO_ROOT, '../shared/procountor/openapi.json');

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
}

interface PathTemplate {
  template: string;
  pattern: RegExp;
  parameterCount: number;
}

export type Verdict =
  | { outcome: 'valid'; operation: string }
  | { outcome: 'invalid'; operation: string; errors: string[] }
  | { outcome: 'no-schema'; operation: string }
  /** The answer is not JSON (e.g. multipart/mixed): there is no JSON schema to hold it to. */
  | { outcome: 'not-json'; operation: string }
  | { outcome: 'no-operation' };

export class ContractResponses {
  readonly #document: OpenApiDocument;
  readonly #templates: PathTemplate[];
  readonly #ajv: Ajv2020;
  readonly #compiled = new Map<string, ValidateFunction>();

  private constructor(document: OpenApiDocument) {
    this.#document = document;
    // Literal segments win over parameters (/invoices/transactions before /invoices/{invoiceId}).
    this.#templates = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: new RegExp(`^${template.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
        parameterCount: (template.match(/\{/g) ?? []).length,
      }))
      .sort((a, b) => a.parameterCount - b.parameterCount);
    this.#ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
    addFormats.default(this.#ajv);
    // OpenAPI formats JSON Schema does not define: accepted as known, not checked.
    for (const format of ['int32', 'int64', 'float', 'double', 'url', 'multi', 'binary'])
      this.#ajv.addFormat(format, true);
    this.#ajv.addSchema({ ...closedSchemas(document), $id: 'contract' });
  }

  /** Loads the contract, or throws a plain message when it is absent. */
  static load(path = CONTRACT_PATH): ContractResponses {
    if (!existsSync(path)) {
      throw new Error(
        `The Procountor contract is absent: expected it at ${path} (shared/procountor/openapi.json beside the repository).`,
      );
    }
    return new ContractResponses(JSON.parse(readFileSync(path, 'utf8')) as OpenApiDocument);
  }

  /** The contract path template of a served path (`/api/invoices/12` → `/invoices/{invoiceId}`). */
  templateOf(servedPath: string, method: string): string | undefined {
    const path = servedPath.replace(/^\/api(?=\/)/, '');
    return this.#templates.find(
      (candidate) => candidate.pattern.test(path) && this.#document.paths[candidate.template]?.[method.toLowerCase()],
    )?.template;
  }

  /**
   * The contract operation ("PUT /invoices/{invoiceId}/approve") of a Fastify route ("PUT", "/api/invoices/:id/approve"):
   * parameters match whatever their names, literal segments must be equal.
   */
  operationOfRoute(method: string, routeUrl: string): string | undefined {
    const shape = (path: string) => path.replace(/\{[^}]+\}|:[^/]+/g, '{}');
    const wanted = shape(routeUrl.replace(/^\/api(?=\/)/, ''));
    const template = this.#templates.find(
      (candidate) =>
        shape(candidate.template) === wanted && this.#document.paths[candidate.template]?.[method.toLowerCase()],
    )?.template;
    return template && `${method.toUpperCase()} ${template}`;
  }

  /** `contentType` is the answer's; when it is given and not JSON, the body is not validated ('not-json'). */
  check(method: string, servedPath: string, status: number, body: unknown, contentType?: string | null): Verdict {
    const template = this.templateOf(servedPath, method);
    if (!template) return { outcome: 'no-operation' };
    const operation = `${method.toUpperCase()} ${template}`;
    if (contentType && !contentType.includes('json')) return { outcome: 'not-json', operation };
    const responses = this.#document.paths[template]![method.toLowerCase()]!.responses ?? {};
    const statusKey = [String(status), `${String(status)[0]}XX`, 'default'].find((key) => key in responses);
    const content = statusKey ? responses[statusKey]!.content : undefined;
    const jsonType = content && Object.keys(content).find((type) => type.includes('json'));
    if (!jsonType || content![jsonType]!.schema === undefined) return { outcome: 'no-schema', operation };
    const pointer = `contract#/paths/${escapePointer(template)}/${method.toLowerCase()}/responses/${statusKey}/content/${escapePointer(jsonType)}/schema`;
    let validate = this.#compiled.get(pointer);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: pointer });
      this.#compiled.set(pointer, validate);
    }
    if (validate(body)) return { outcome: 'valid', operation };
    return {
      outcome: 'invalid',
      operation,
      errors: (validate.errors ?? []).map((error) =>
        error.keyword === 'additionalProperties'
          ? `${error.instancePath || '(body)'} carries ${String(error.params.additionalProperty)}, not in the contract`
          : `${error.instancePath || '(body)'} ${error.message ?? error.keyword}`,
      ),
    };
  }
}

/**
 * A copy of the contract in which every object schema that lists its `properties` and says nothing about others
 * allows no others (`additionalProperties: false`): Procountor's answers carry only contract fields. An explicit
 * `additionalProperties` (Webhook.authenticationMeta: any keys) is kept as the contract gives it.
 */
function closedSchemas<T>(node: T): T {
  if (Array.isArray(node)) return node.map(closedSchemas) as T;
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = closedSchemas(value);
  if (typeof copy.properties === 'object' && copy.properties !== null && !('additionalProperties' in copy)) {
    copy.additionalProperties = false;
  }
  return copy as T;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
