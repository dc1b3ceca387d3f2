// The two calls to a source's documents endpoint: fetch documents in a status, and report one document's status.
import type { ErrorDetail } from '../errors/bridge-error';

export interface PullSource {
  url: string;
  status: string;
  /** A secret: only ever put in the request header, never in errors or logs. */
  authorizationHeader?: string | undefined;
}

/** What the bridge POSTs to `{url}/{externalId}/status` (docs/scheduled-pull.md). */
export interface StatusReport {
  state: string;
  transferId?: string;
  procountorInvoiceNumber?: number;
  referenceCode?: string;
  problems?: ErrorDetail[];
}

/** A source that answers wrongly; the message is safe for the run log (no credentials, a short body excerpt). */
export class SourceResponseError extends Error {
  override name = 'SourceResponseError';
}

const MAX_EXCERPT_CHARS = 200;

function headersOf(source: PullSource, json: boolean): Record<string, string> {
  return {
    accept: 'application/json',
    'user-agent': 'procountor-bridge-pull/1',
    ...(json ? { 'content-type': 'application/json' } : {}),
    ...(source.authorizationHeader ? { authorization: source.authorizationHeader } : {}),
  };
}

async function call(
  what: string,
  url: string,
  init: RequestInit,
  timeoutMs: number,
  fetchImpl: typeof fetch,
): Promise<{ status: number; text: string }> {
  try {
    const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    const reason =
      error instanceof Error && error.name === 'TimeoutError'
        ? `no answer within ${timeoutMs / 1000} s`
        : (cause?.code ?? (error instanceof Error ? error.message : String(error)));
    throw new SourceResponseError(`${what}: the source could not be reached (${reason})`, { cause: error });
  }
}

const excerpt = (text: string) => JSON.stringify(text.slice(0, MAX_EXCERPT_CHARS));

/** GET `{url}?status={status}` → `{ documents: [...] }`; every other answer is a SourceResponseError saying what. */
export async function fetchSourceDocuments(
  source: PullSource,
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<unknown[]> {
  const url = new URL(source.url);
  url.searchParams.set('status', source.status);
  const what = `GET ${url.origin}${url.pathname}?status=${source.status}`;
  const { status, text } = await call(
    what,
    url.toString(),
    { method: 'GET', headers: headersOf(source, false) },
    options.timeoutMs,
    options.fetch ?? fetch,
  );
  if (status < 200 || status > 299) {
    throw new SourceResponseError(`${what}: the source answered HTTP ${status}: ${excerpt(text)}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new SourceResponseError(`${what}: the answer is not JSON: ${excerpt(text)}`);
  }
  const documents = (body as { documents?: unknown } | null)?.documents;
  if (!Array.isArray(documents)) {
    throw new SourceResponseError(`${what}: the answer should be { "documents": [...] }, got ${excerpt(text)}`);
  }
  return documents;
}

/** Where a document's status goes: `{url}/{externalId}/status`. */
export function statusReportUrl(sourceUrl: string, externalId: string): string {
  return `${sourceUrl.replace(/\/+$/, '')}/${encodeURIComponent(externalId)}/status`;
}

/**
 * POSTs one status. Returns 'unknown_document' on 404 or 410 (the document is not the source's to track, e.g. it was
 * submitted through the API); throws SourceResponseError on anything else that is not 2xx, so the job retries.
 */
export async function postStatusReport(
  source: PullSource,
  externalId: string,
  report: StatusReport,
  options: { timeoutMs: number; fetch?: typeof fetch },
): Promise<'reported' | 'unknown_document'> {
  const url = statusReportUrl(source.url, externalId);
  const what = `POST ${new URL(url).pathname}`;
  const { status, text } = await call(
    what,
    url,
    { method: 'POST', headers: headersOf(source, true), body: JSON.stringify(report) },
    options.timeoutMs,
    options.fetch ?? fetch,
  );
  if (status === 404 || status === 410) return 'unknown_document';
  if (status < 200 || status > 299) {
    throw new SourceResponseError(`${what}: the source answered HTTP ${status}: ${excerpt(text)}`);
  }
  return 'reported';
}
