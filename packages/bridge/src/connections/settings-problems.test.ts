// Tests the settings validation: every problem listed once with its path, null resets a setting to its default.
import { describe, expect, it } from 'vitest';
import { applySettingsPatch, settingsProblems } from './settings-problems';

describe('settingsProblems', () => {
  it('accepts partial settings, the defaults filling the rest', () => {
    expect(settingsProblems({ transferMode: 'manual', rateLimitPerSecond: 2 })).toEqual([]);
  });

  it('lists every problem once with its settings path', () => {
    const details = settingsProblems({
      transferMode: 'sometimes',
      rateLimitPerSecond: 0,
      errorEmailRecipients: ['not-an-address'],
      colour: 'blue',
    });
    expect(details).toEqual(
      expect.arrayContaining([
        { path: 'settings.transferMode', rule: 'one_of', message: 'must be one of "automatic", "manual"' },
        expect.objectContaining({ path: 'settings.rateLimitPerSecond', rule: 'minimum' }),
        expect.objectContaining({ path: 'settings.errorEmailRecipients[0]', rule: 'format' }),
        expect.objectContaining({ path: 'settings.colour', rule: 'no_unknown_fields' }),
      ]),
    );
    expect(details).toHaveLength(4);
  });

  it('coerces nothing and refuses text that cannot be stored, by path', () => {
    const details = settingsProblems({ rateLimitPerSecond: '2', emailSending: 'true', defaultProductCode: 'A\u0000B' });
    expect(details).toEqual(
      expect.arrayContaining([
        { path: 'settings.rateLimitPerSecond', rule: 'type', message: 'must be a number, not a string' },
        { path: 'settings.emailSending', rule: 'type', message: 'must be a boolean, not a string' },
        expect.objectContaining({ path: 'settings.defaultProductCode', rule: 'no_nul_character' }),
      ]),
    );
    expect(details).toHaveLength(3);
  });
});

describe('applySettingsPatch', () => {
  it('sets values and removes settings patched to null', () => {
    expect(
      applySettingsPatch({ transferMode: 'manual', rateLimitPerSecond: 2 }, { transferMode: null, emailSending: true }),
    ).toEqual({
      rateLimitPerSecond: 2,
      emailSending: true,
    });
  });
});
