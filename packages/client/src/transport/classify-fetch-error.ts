// Tells a connection that never opened (nothing sent) from one lost after sending, from fetch's error `cause`.

/** Codes meaning the TCP/TLS connection was never established, so the request was not sent (Node and undici). */
const CONNECT_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * 'connect-failed' when every underlying error is a connect error; otherwise 'connection-lost' (reset, "other side
 * closed", anything unknown), the cautious answer: the request may have been sent.
 */
export function classifyFetchError(error: unknown): 'connect-failed' | 'connection-lost' {
  const cause = (error as { cause?: unknown } | null)?.cause ?? error;
  // Happy-eyeballs connects to several addresses and reports an AggregateError of connect errors.
  const causes = cause instanceof AggregateError ? cause.errors : [cause];
  const codes = causes.map(errorCode);
  const allConnect = codes.length > 0 && codes.every((code) => code !== undefined && CONNECT_ERROR_CODES.has(code));
  if (allConnect || CONNECT_ERROR_CODES.has(errorCode(cause) ?? '')) return 'connect-failed';
  return 'connection-lost';
}
