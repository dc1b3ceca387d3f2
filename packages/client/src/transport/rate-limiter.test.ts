import { describe, expect, it } from 'vitest';
import { TokenBucketRateLimiter } from './rate-limiter';

/** A fake clock whose sleep advances time at once, recording each wait. */
function fakeClock() {
  let nowMs = 0;
  const waits: number[] = [];
  return {
    waits,
    now: () => nowMs,
    sleep: async (ms: number) => {
      waits.push(ms);
      nowMs += ms;
    },
  };
}

describe('TokenBucketRateLimiter', () => {
  it('grants a burst at once, then spaces requests by 1/requestsPerSecond', async () => {
    const clock = fakeClock();
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 5, burst: 2, now: clock.now, sleep: clock.sleep });
    for (let i = 0; i < 4; i += 1) await limiter.acquire();
    expect(clock.waits).toEqual([200, 200]);
  });

  it('grants callers in the order they asked', async () => {
    const clock = fakeClock();
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 10, burst: 1, now: clock.now, sleep: clock.sleep });
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => limiter.acquire().then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('lets an aborted caller leave without blocking the next one', async () => {
    const clock = fakeClock();
    const limiter = new TokenBucketRateLimiter({ requestsPerSecond: 1, burst: 1, now: clock.now, sleep: clock.sleep });
    await limiter.acquire();
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(limiter.acquire(controller.signal)).rejects.toThrow('stop');
    await expect(limiter.acquire()).resolves.toBeUndefined();
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucketRateLimiter({ requestsPerSecond: 0 })).toThrow(RangeError);
  });
});
