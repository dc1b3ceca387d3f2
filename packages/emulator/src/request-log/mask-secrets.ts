// Masks credentials before a request or response reaches the request log: secrets are never kept in clear.
export const MASKED = '[masked]';

/** Field names that hold credentials: the token form (client_secret, api_key), the token answer, webhook secrets. */
const SECRET_KEY = /secret|password|api_?key|access_?token|refresh_?token|signature/i;

/** A copy of a JSON-like value with every secret-named field's value replaced by `[masked]`. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  const masked: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    masked[key] =
      SECRET_KEY.test(key) && inner !== null && inner !== undefined && inner !== '' ? MASKED : maskSecrets(inner);
  }
  return masked;
}

/** JSON.stringify(maskSecrets(value)) without building the masked copy first. */
export function maskedJson(value: unknown): string {
  return JSON.stringify(value, (key, inner) =>
    key !== '' && SECRET_KEY.test(key) && inner !== null && inner !== undefined && inner !== '' ? MASKED : inner,
  );
}

/** `Bearer abc…` → `Bearer [masked]`; other schemes lose their credentials too. */
export function maskAuthorization(header: string | undefined): string | undefined {
  if (!header) return header;
  const [scheme] = header.split(/\s+/, 1);
  return `${scheme} ${MASKED}`;
}

/** Masks a JSON text only when a secret-looking name appears in it, so ordinary responses are not re-parsed. */
export function maskJsonText(text: string): string {
  if (!SECRET_KEY.test(text)) return text;
  try {
    return JSON.stringify(maskSecrets(JSON.parse(text)));
  } catch {
    return text;
  }
}
