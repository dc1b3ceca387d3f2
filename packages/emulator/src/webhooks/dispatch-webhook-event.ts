// Delivers Procountor webhook events to subscribed URLs in the background, signed with HMAC-SHA256 when configured.
import { createHmac } from 'node:crypto';
import type { EmulatorContext } from '../emulator-context';
import type { Webhook } from '../state/contract-types';
import type { CompanyData, WebhookDelivery } from '../state/emulator-state';

export type WebhookEventType = Webhook['subscriptions'][number];

/**
 * Header carrying the hex HMAC-SHA256 of the raw request body, keyed with authenticationMeta.secret. The contract
 * names neither the header nor the meta key (assumptions, README "Assumptions").
 */
export const WEBHOOK_SIGNATURE_HEADER = 'x-procountor-signature';
/** The key in Webhook.authenticationMeta that holds the shared HMAC secret (assumption). */
export const HMAC_SECRET_KEY = 'secret';
/** Envelope meta.version (assumption: the version of the envelope format, not of the API). */
export const WEBHOOK_ENVELOPE_VERSION = '1';
const DELIVERY_TIMEOUT_MS = 10_000;

export function signWebhookBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

// In-flight deliveries per company, so tests and the admin surface can wait for them without timing guesses.
const inFlight = new WeakMap<CompanyData, Set<Promise<void>>>();

/** Resolves once every delivery started so far for the company has been answered or has failed. */
export async function settleWebhookDeliveries(company: CompanyData): Promise<void> {
  await Promise.allSettled([...(inFlight.get(company) ?? [])]);
}

function secretOf(webhook: Webhook): string | undefined {
  const secret = webhook.authenticationMeta?.[HMAC_SECRET_KEY];
  return typeof secret === 'string' && secret !== '' ? secret : undefined;
}

async function deliver(delivery: WebhookDelivery): Promise<void> {
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(delivery.signature ? { [WEBHOOK_SIGNATURE_HEADER]: delivery.signature } : {}),
      },
      body: delivery.body,
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    });
    delivery.status = response.status;
    await response.body?.cancel();
  } catch (error) {
    delivery.error = error instanceof Error ? error.message : String(error);
  }
}

/**
 * Sends `{ eventType, webhookUuid, payload, meta { version, timestamp } }` (FACTS.md "Webhooks") to every webhook of
 * the company subscribed to `eventType`, without waiting for the receivers; each attempt is recorded in
 * company.webhookDeliveries (status or error filled in when it ends). One attempt, no retries (assumption).
 */
export function dispatchWebhookEvent(
  context: EmulatorContext,
  company: CompanyData,
  eventType: WebhookEventType,
  payload: unknown,
): WebhookDelivery[] {
  const deliveries: WebhookDelivery[] = [];
  const timestamp = new Date(context.now()).toISOString();
  for (const webhook of company.webhooks.values()) {
    if (!webhook.subscriptions.includes(eventType) || !webhook.uuid) continue;
    const body = JSON.stringify({
      eventType,
      webhookUuid: webhook.uuid,
      payload,
      meta: { version: WEBHOOK_ENVELOPE_VERSION, timestamp },
    });
    const secret = webhook.authenticationType === 'HMAC' ? secretOf(webhook) : undefined;
    const delivery: WebhookDelivery = {
      webhookUuid: webhook.uuid,
      url: webhook.url,
      eventType,
      body,
      ...(secret ? { signature: signWebhookBody(secret, body) } : {}),
      deliveredAt: timestamp,
    };
    company.webhookDeliveries.push(delivery);
    deliveries.push(delivery);
    let pending = inFlight.get(company);
    if (!pending) {
      pending = new Set();
      inFlight.set(company, pending);
    }
    const promise: Promise<void> = deliver(delivery).finally(() => pending.delete(promise));
    pending.add(promise);
  }
  if (deliveries.length > 0) context.markChanged();
  return deliveries;
}
