import { describe, expect, it } from 'vitest';
import { createSignInThrottle, MAX_FAILED_SIGN_INS, SIGN_IN_WINDOW_MS, SignInThrottledError } from './sign-in-throttle';

describe('sign-in throttle', () => {
  it('refuses after the allowed failures for one user and address, until the oldest failure ages out', () => {
    let clock = 1_000_000;
    const throttle = createSignInThrottle(() => clock);
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS; attempt++) {
      throttle.check('Anna', '10.0.0.1');
      throttle.failed('Anna', '10.0.0.1');
      clock += 1000;
    }
    expect(() => throttle.check('anna', '10.0.0.1')).toThrow(SignInThrottledError);
    // Another address or another user is not affected.
    expect(() => throttle.check('anna', '10.0.0.2')).not.toThrow();
    expect(() => throttle.check('ville', '10.0.0.1')).not.toThrow();
    clock += SIGN_IN_WINDOW_MS - MAX_FAILED_SIGN_INS * 1000 + 1;
    expect(() => throttle.check('anna', '10.0.0.1')).not.toThrow();
  });

  it('a success clears the failures', () => {
    const throttle = createSignInThrottle(() => 0);
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS - 1; attempt++) throttle.failed('anna', 'a');
    throttle.succeeded('anna', 'a');
    for (let attempt = 0; attempt < MAX_FAILED_SIGN_INS - 1; attempt++) throttle.failed('anna', 'a');
    expect(() => throttle.check('anna', 'a')).not.toThrow();
  });
});
