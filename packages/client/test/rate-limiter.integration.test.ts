import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type RateLimiter, TokenBucketRateLimiter } from '../src';
import { createTestClient, type FakeProcountor, sendJson, startFakeProcountor } from './fake-procountor';

describe('rate limiter', () => {
  let fake: FakeProcountor;
  beforeEach(async () => {
    fake = await startFakeProcountor();
    fake.route('GET', '/sessioninfo', (_, res) => sendJson(res, 200, { companyId: 1 }));
    for (let id = 1; id <= 6; id += 1) fake.route('GET', `/invoices/${id}`, (_, res) => sendJson(res, 200, { id }));
  });
  afterEach(() => fake.close());

  it("lets every call through, one at a time, in the callers' order", async () => {
    const client = createTestClient(fake, { rateLimit: { requestsPerSecond: 40, burst: 1 } });
    await client.session.info(); // token first, so only the limiter orders the calls below
    const answers = await Promise.all([1, 2, 3, 4, 5].map((id) => client.invoices.get(id)));
    expect(answers.map((a) => a.id)).toEqual([1, 2, 3, 4, 5]);
    expect(fake.apiRequests().map((r) => r.path)).toEqual([
      '/sessioninfo',
      '/invoices/1',
      '/invoices/2',
      '/invoices/3',
      '/invoices/4',
      '/invoices/5',
    ]);
  });

  it('is shared by two clients of one connection, which then take turns', async () => {
    const rateLimiter = new TokenBucketRateLimiter({ requestsPerSecond: 40, burst: 1 });
    const first = createTestClient(fake, { rateLimiter });
    const second = createTestClient(fake, { rateLimiter });
    await first.session.info();
    await second.session.info();
    await Promise.all([first.invoices.get(1), second.invoices.get(2), first.invoices.get(3), second.invoices.get(4)]);
    expect(
      fake
        .apiRequests()
        .map((r) => r.path)
        .slice(2),
    ).toEqual(['/invoices/1', '/invoices/2', '/invoices/3', '/invoices/4']);
  });

  it('counts token requests too: every request Procountor receives took a turn of the limiter', async () => {
    // The real bucket, wrapped so the test can see each turn it granted.
    const bucket = new TokenBucketRateLimiter({ requestsPerSecond: 40, burst: 1 });
    let turns = 0;
    const rateLimiter: RateLimiter = {
      acquire: async (signal) => {
        await bucket.acquire(signal);
        turns += 1;
      },
    };
    const client = createTestClient(fake, { rateLimiter });
    await client.invoices.get(1);
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(turns).toBe(2);
    fake.revokeTokens(); // a 401 makes the client ask for a new token and repeat the call
    await client.invoices.get(2);
    expect(fake.tokenRequests()).toHaveLength(2);
    expect(turns).toBe(fake.requests.length);
    expect(fake.requests.length).toBe(5);
  });
});
