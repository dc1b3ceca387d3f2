// Slows password guessing: after too many failed sign-ins for one user name from one address, refuse for a while.
import { BridgeError } from '../errors/bridge-error';

/** Failures allowed per user name and client address within the window; then 429 until the oldest one ages out. */
export const MAX_FAILED_SIGN_INS = 10;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

export class SignInThrottledError extends BridgeError {
  override name = 'SignInThrottledError';
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'sign_in_throttled',
      `Too many failed sign-ins for this user from this address; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
    );
  }
}

/**
 * In memory, per bridge process: enough to make guessing slow (10 tries per 15 minutes), no table to sweep. A
 * success clears the user's failures from that address.
 */
export function createSignInThrottle(now: () => number = Date.now) {
  const failures = new Map<string, number[]>();
  const keyOf = (userName: string, address: string) => `${userName.toLowerCase()}\u0000${address}`;
  const recent = (key: string) => {
    const since = now() - SIGN_IN_WINDOW_MS;
    const times = (failures.get(key) ?? []).filter((time) => time > since);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  };
  return {
    /** @throws SignInThrottledError when the limit is reached. */
    check(userName: string, address: string): void {
      const times = recent(keyOf(userName, address));
      if (times.length >= MAX_FAILED_SIGN_INS) {
        throw new SignInThrottledError((times[0]! + SIGN_IN_WINDOW_MS - now()) / 1000);
      }
    },
    failed(userName: string, address: string): void {
      const key = keyOf(userName, address);
      failures.set(key, [...recent(key), now()]);
    },
    succeeded(userName: string, address: string): void {
      failures.delete(keyOf(userName, address));
    },
  };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
