// Which requests carry an Idempotency-Key: the operations whose OpenAPI entry takes one (generated from the bridge).
import { IDEMPOTENCY_KEY_OPERATIONS } from '../generated/idempotency-key-operations';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * "/v1/connections/{connectionId}/sales-invoices" → a pattern matching any value of each path parameter, at the end
 * of the URL's path (a bridge behind a proxy may have a prefix before /v1).
 */
function templatePattern(template: string): RegExp {
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
  return new RegExp(`${escaped}$`);
}

const OPERATIONS = IDEMPOTENCY_KEY_OPERATIONS.map(({ method, path }) => ({ method, pattern: templatePattern(path) }));

/** True when the bridge honours an Idempotency-Key on this method and path (a URL's pathname). */
export function takesIdempotencyKey(method: string, path: string): boolean {
  return OPERATIONS.some((operation) => operation.method === method && operation.pattern.test(path));
}
