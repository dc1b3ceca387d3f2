// Turns a JSON Schema error (TypeBox/Ajv shape) into the bridge's field detail with a plain sentence.
import type { ErrorDetail } from './bridge-error';

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** "/rows/0/unitPrice" → "rows[0].unitPrice". */
export function toDetailPath(instancePath: string, property?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (property) parts.push(property);
  return (
    parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '') ||
    '(body)'
  );
}

export function schemaErrorToDetail(error: SchemaError): ErrorDetail {
  const { keyword, params } = error;
  switch (keyword) {
    case 'required': {
      const missing = (params.requiredProperties as string[] | undefined)?.[0] ?? String(params.missingProperty ?? '');
      return { path: toDetailPath(error.instancePath, missing), rule: 'required', message: 'is required' };
    }
    case 'additionalProperties': {
      const extra = (params.additionalProperties as string[] | undefined)?.join(', ') ?? '';
      return {
        path: toDetailPath(error.instancePath),
        rule: 'no_unknown_fields',
        message: `has unknown field(s): ${extra}`,
      };
    }
    case 'maxLength':
      return {
        path: toDetailPath(error.instancePath),
        rule: `max_length_${params.limit}`,
        message: `is longer than ${params.limit} characters`,
      };
    case 'minLength':
      return {
        path: toDetailPath(error.instancePath),
        rule: `min_length_${params.limit}`,
        message: params.limit === 1 ? 'must not be empty' : `is shorter than ${params.limit} characters`,
      };
    default:
      return {
        path: toDetailPath(error.instancePath),
        rule: keyword,
        message: error.message ?? `breaks the ${keyword} rule`,
      };
  }
}
