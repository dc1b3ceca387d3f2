// The event feed (for sources that take no webhooks): pages after a cursor, or one iterable that can keep polling.
import { setTimeout as sleep } from 'node:timers/promises';
import type { BridgeEventType, BridgeFeedEvent, BridgeFeedPage } from '../bridge-types';
import type { ResourceContext } from './bridge-api';
import { type CallOptions, unwrap } from './call-options';

export interface EventPageOptions extends CallOptions {
  /** A cursor: the `id` of the last event you handled, or a page's nextCursor. Absent: from the first event. */
  after?: string;
  /** Only events of this type. */
  type?: BridgeEventType;
  /** 1 to 500; default 100. */
  limit?: number;
}

export interface EventIterateOptions extends EventPageOptions {
  /**
   * Keep polling once caught up, every `pollIntervalMs`, until `signal` aborts (the loop then ends without an
   * error). Default false: the iteration ends at the newest event.
   */
  follow?: boolean;
  /** Default 5,000 ms. */
  pollIntervalMs?: number;
}

const DEFAULT_LIMIT = 100;

export class Events {
  constructor(private readonly context: ResourceContext) {}

  /** One page, oldest first. When nothing is new the same cursor comes back. */
  async list(options: EventPageOptions = {}): Promise<BridgeFeedPage> {
    const connectionId = this.context.connectionId();
    const { after, type, limit, signal } = options;
    const result = await this.context.api.GET('/v1/connections/{connectionId}/events', {
      params: { path: { connectionId }, query: { after, type, limit } },
      signal,
    });
    // The feed's payload is the webhook body's `data` of the same type (docs/webhooks.md): typed as such.
    return unwrap('GET', result) as BridgeFeedPage;
  }

  /**
   * Every event after `after`, oldest first. Store each event's `id` once you have handled it and pass it as `after`
   * next time: the feed resumes exactly there. Deduplicate by `eventId` (the id webhooks carry too).
   */
  async *iterate(options: EventIterateOptions = {}): AsyncGenerator<BridgeFeedEvent, void, undefined> {
    const { follow = false, pollIntervalMs = 5_000, ...pageOptions } = options;
    const limit = pageOptions.limit ?? DEFAULT_LIMIT;
    let after = pageOptions.after;
    for (;;) {
      const page = await this.list({ ...pageOptions, after, limit });
      yield* page.events;
      after = page.nextCursor ?? after;
      // A short page means caught up: the feed has nothing newer right now.
      if (page.events.length < limit) {
        if (!follow) return;
        try {
          await sleep(pollIntervalMs, undefined, { signal: options.signal });
        } catch (error) {
          if (options.signal?.aborted) return;
          throw error;
        }
      }
    }
  }

  /** Sends an event again to every active endpoint subscribed to its type now (same event id). */
  async replay(eventId: string, options: CallOptions = {}) {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.POST('/v1/connections/{connectionId}/events/{eventId}/replay', {
      params: { path: { connectionId, eventId } },
      signal: options.signal,
    });
    return unwrap('POST', result);
  }
}
