// Tests the storable-text rule: what the bridge refuses in any text, and what only multi-line text may hold.
import { describe, expect, it } from 'vitest';
import { TEXT_RULES, textProblem } from './storable-text';

describe('textProblem', () => {
  it('accepts ordinary text, accents, emoji (a surrogate pair) and symbols', () => {
    for (const text of ['', 'Päätie Oy', 'Å ö € 😀 ✓', 'a"b\'c\\d', '\u00a0\u2028']) {
      expect(textProblem(text, { multiline: false })).toBeUndefined();
    }
  });

  it.each([
    ['NUL', 'ab\u0000', TEXT_RULES.nul, 'contains NUL (U+0000) at character 3; PostgreSQL cannot store it'],
    [
      'a lone high surrogate',
      'x\ud83d',
      TEXT_RULES.loneSurrogate,
      'contains a lone surrogate (U+D83D) at character 2: half of a character, not valid Unicode text',
    ],
    [
      'a lone low surrogate',
      '\ude00x',
      TEXT_RULES.loneSurrogate,
      'contains a lone surrogate (U+DE00) at character 1: half of a character, not valid Unicode text',
    ],
    [
      'an escape',
      'a\u001b[31m',
      TEXT_RULES.controlCharacter,
      'contains the control character U+001B at character 2, which cannot be printed',
    ],
    [
      'a backspace',
      '\b',
      TEXT_RULES.controlCharacter,
      'contains the control character U+0008 at character 1, which cannot be printed',
    ],
  ])('refuses %s everywhere, multi-line text included', (_what, text, rule, message) => {
    expect(textProblem(text, { multiline: false })).toEqual({ rule, message });
    expect(textProblem(text, { multiline: true })).toEqual({ rule, message });
  });

  it('lets only multi-line text hold tab, CR and LF', () => {
    for (const text of ['a\tb', 'a\nb', 'a\r\nb']) {
      expect(textProblem(text, { multiline: true })).toBeUndefined();
      expect(textProblem(text, { multiline: false })?.rule).toBe(TEXT_RULES.singleLine);
    }
    expect(textProblem('one\ntwo', { multiline: false })?.message).toBe(
      'contains a line feed (U+000A) at character 4; this field takes one line (only notes, descriptions and free texts take several)',
    );
  });
});
