import { describe, expect, it } from 'vitest';
import { DEFAULT_DELIVERY_RETRY_POLICY, retryDelaySeconds } from './delivery-backoff';

describe('retryDelaySeconds', () => {
  const middle = () => 0.5;

  it('doubles from 30 s after each failure', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, DEFAULT_DELIVERY_RETRY_POLICY, middle))).toEqual([
      30, 60, 120, 240,
    ]);
  });

  it('caps the wait at one hour', () => {
    expect(retryDelaySeconds(14, DEFAULT_DELIVERY_RETRY_POLICY, middle)).toBe(3600);
  });

  it('stops after the 15th attempt', () => {
    expect(retryDelaySeconds(15, DEFAULT_DELIVERY_RETRY_POLICY, middle)).toBeNull();
  });

  it('spreads retries by up to 20 % either way', () => {
    expect(retryDelaySeconds(1, DEFAULT_DELIVERY_RETRY_POLICY, () => 0)).toBe(24);
    expect(retryDelaySeconds(1, DEFAULT_DELIVERY_RETRY_POLICY, () => 1)).toBe(36);
  });
});
