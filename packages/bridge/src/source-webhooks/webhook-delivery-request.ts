// Builds and sends one webhook request: the JSON body, the X-Bridge-* headers and signature; reports what happened.
import { signBridgePayload } from './bridge-signature';

/** The headers of every webhook request (docs/webhooks.md), lower case as Node reads them. */
export const WEBHOOK_HEADERS = {
  eventId: 'x-bridge-event-id',
  eventType: 'x-bridge-event-type',
  timestamp: 'x-bridge-timestamp',
  signature: 'x-bridge-signature',
} as const;

/** The body a source receives; `data` is the event payload (events/event-types.ts). */
export interface WebhookBody {
  id: string;
  type: string;
  createdAt: string;
  connectionId: string;
  data: Record<string, unknown>;
}

export type DeliveryAttemptOutcome =
  | { delivered: true; statusCode: number }
  | { delivered: false; statusCode: number | null; error: string };

/** Enough of an error page to recognise it in the delivery log, not the whole page. */
const MAX_ERROR_BODY_CHARS = 300;

export async function sendWebhookRequest(input: {
  url: string;
  secret: string;
  body: WebhookBody;
  timeoutMs: number;
  fetch?: typeof fetch;
}): Promise<DeliveryAttemptOutcome> {
  const body = JSON.stringify(input.body);
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await (input.fetch ?? fetch)(input.url, {
      method: 'POST',
      // A redirect is not a delivery: a receiver that moved should have its endpoint URL updated.
      redirect: 'manual',
      signal: AbortSignal.timeout(input.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'procountor-bridge-webhooks/1',
        [WEBHOOK_HEADERS.eventId]: input.body.id,
        [WEBHOOK_HEADERS.eventType]: input.body.type,
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.signature]: signBridgePayload({ secret: input.secret, timestamp, body }),
      },
      body,
    });
    const text = await response.text().catch(() => '');
    if (response.status >= 200 && response.status < 300) return { delivered: true, statusCode: response.status };
    const excerpt = text.slice(0, MAX_ERROR_BODY_CHARS).trim();
    return {
      delivered: false,
      statusCode: response.status,
      error: `The receiver answered HTTP ${response.status}${excerpt ? `: ${excerpt}` : ''}`,
    };
  } catch (error) {
    return { delivered: false, statusCode: null, error: describeRequestError(error, input.timeoutMs) };
  }
}

function describeRequestError(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `The receiver did not answer within ${timeoutMs / 1000} s`;
  }
  // undici puts the system error (ECONNREFUSED, ENOTFOUND…) in `cause`.
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return `The receiver could not be reached: ${reason}`;
}
