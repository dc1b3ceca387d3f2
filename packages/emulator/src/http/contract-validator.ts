// Validates request bodies against the contract's schemas and turns violations into Procountor's field errors.
import { contractSchemas } from '@procountor-bridge/client/generated';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ErrorEntry } from './procountor-error';

// verbose: errors carry their schema, so a size message can name both bounds as Procountor's does.
const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true, verbose: true });
addFormats.default(ajv);
// OpenAPI formats the JSON Schema vocabulary does not know (contract README).
for (const format of ['int32', 'int64', 'float', 'double', 'url', 'multi', 'binary']) ajv.addFormat(format, true);
// "Scale: N." in the contract's prose, kept by the generator as x-scale: at most N decimals.
ajv.addKeyword({
  keyword: 'x-scale',
  type: 'number',
  errors: true,
  validate: function checkScale(scale: number, value: number) {
    const [, decimals = ''] = String(value).split('.');
    if (decimals.length <= scale) return true;
    (checkScale as unknown as { errors: unknown[] }).errors = [
      {
        keyword: 'x-scale',
        message: `numeric value out of bounds (<${scale} digits> after the decimal point expected)`,
        params: { scale },
      },
    ];
    return false;
  },
});
ajv.addSchema({ $id: 'procountor', components: { schemas: contractSchemas } });

const compiled = new Map<string, ValidateFunction>();

function validatorFor(schemaName: string): ValidateFunction {
  let validate = compiled.get(schemaName);
  if (!validate) {
    validate = ajv.getSchema(`procountor#/components/schemas/${schemaName}`);
    if (!validate) throw new Error(`The contract has no schema named ${schemaName}`);
    compiled.set(schemaName, validate);
  }
  return validate;
}

/** "/invoiceRows/0/unitPrice" → "invoiceRows[0].unitPrice" (Procountor's field paths). */
export function toFieldPath(instancePath: string, property?: string): string {
  const parts = instancePath.split('/').filter(Boolean);
  if (property) parts.push(property);
  return parts.reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

// Assumption (emulator README): messages follow the Bean Validation texts Procountor's Java backend returns.
function toEntry(error: ErrorObject): ErrorEntry {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return {
        status: 400,
        field: toFieldPath(error.instancePath, String(params.missingProperty)),
        message: 'must not be null',
      };
    case 'maxLength':
    case 'minLength': {
      // Bean Validation's @Size text: "size must be between <min> and <max>" (max 2147483647 when unbounded).
      const schema = (error.parentSchema ?? {}) as { minLength?: number; maxLength?: number };
      return {
        status: 400,
        field: toFieldPath(error.instancePath),
        message: `size must be between ${schema.minLength ?? 0} and ${schema.maxLength ?? 2147483647}`,
      };
    }
    case 'enum':
      return {
        status: 400,
        field: toFieldPath(error.instancePath),
        message: `must be one of ${(params.allowedValues as unknown[]).join(', ')}`,
      };
    case 'maximum':
      return {
        status: 400,
        field: toFieldPath(error.instancePath),
        message: `must be less than or equal to ${params.limit}`,
      };
    case 'minimum':
      return {
        status: 400,
        field: toFieldPath(error.instancePath),
        message: `must be greater than or equal to ${params.limit}`,
      };
    default:
      return {
        status: 400,
        field: toFieldPath(error.instancePath) || undefined,
        message: error.message ?? 'invalid value',
      } as ErrorEntry;
  }
}

/** Every violation of the named contract schema, as Procountor error entries (empty when valid). */
export function contractViolations(schemaName: string, body: unknown): ErrorEntry[] {
  const validate = validatorFor(schemaName);
  if (validate(body)) return [];
  return (validate.errors ?? []).map(toEntry);
}

/** Validates any contract schema by name; also used by conformance tests on responses. */
export function isValidAgainst(schemaName: string, value: unknown): { valid: boolean; errors: ErrorEntry[] } {
  const errors = contractViolations(schemaName, value);
  return { valid: errors.length === 0, errors };
}
