// The DB rate limiter: two limiter instances (two processes) on one bucket never grant more than it holds.
import { describe, expect, it } from 'vitest';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { ConnectionRateLimiter } from './connection-rate-limiter';
import { createConnectionRepository } from './connection-repository';

describeOnBothDatabases('ConnectionRateLimiter', (database) => {
  it('grants at most the burst at one instant and the rate per second after, across two instances', async () => {
    const repository = createConnectionRepository(database.db, Buffer.alloc(32, 1));
    const connection = await repository.insert({
      name: 'Rate',
      environment: 'test',
      baseUrl: 'https://pts-api.procountor.com/api',
      clientId: 'c',
      clientSecret: 's',
      apiKey: 'k',
      settings: {},
    });
    let nowMs = Date.parse('2026-01-01T00:00:00Z');
    const now = () => new Date(nowMs);
    const limiters = [0, 1].map(
      () => new ConnectionRateLimiter(database.db, { connectionId: connection.id, requestsPerSecond: 5, now }),
    );
    const takeMany = async (count: number) => {
      const results = [];
      // Sequential on PGlite's one connection, concurrent on PostgreSQL: the count must hold either way.
      const attempts = Array.from({ length: count }, (_, index) => limiters[index % 2]!.tryTake());
      for (const result of await Promise.all(attempts)) results.push(result);
      return results.filter((result) => result.granted).length;
    };

    expect(await takeMany(20)).toBe(5);
    nowMs += 1000;
    expect(await takeMany(20)).toBe(5);
    nowMs += 200;
    expect(await takeMany(20)).toBe(1);
    const refused = await limiters[0]!.tryTake();
    expect(refused).toEqual({ granted: false, waitMs: 200 });
  });
});

describe('ConnectionRateLimiter options', () => {
  it('refuses a rate that is not positive', () => {
    expect(() => new ConnectionRateLimiter({} as never, { connectionId: 'x', requestsPerSecond: 0 })).toThrow(
      RangeError,
    );
  });
});
