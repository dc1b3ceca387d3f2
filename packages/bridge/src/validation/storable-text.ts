// Which text the bridge stores and prints: no NUL, no lone surrogate, no C0 control character; tab, CR and LF only
// in multi-line text. The API, the CLI and the CSV import all check text with textProblem (docs/errors.md).

/** Stable rule names in `details[].rule`. */
export const TEXT_RULES = {
  nul: 'no_nul_character',
  loneSurrogate: 'no_lone_surrogate',
  controlCharacter: 'no_control_character',
  singleLine: 'single_line',
} as const;

/**
 * The schema annotation of a text field that may hold several lines (notes, descriptions, free texts):
 * `Type.String({ multiline: true })`. Every other string is one line.
 */
export const MULTILINE_KEYWORD = 'multiline';

export interface TextProblem {
  rule: (typeof TEXT_RULES)[keyof typeof TEXT_RULES];
  message: string;
}

const hex = (code: number) => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
const LINE_CHARACTERS: Record<number, string> = { 9: 'a tab', 10: 'a line feed', 13: 'a carriage return' };

/** The first reason `text` cannot be stored or printed as a field of its kind, or undefined when it can. */
export function textProblem(text: string, options: { multiline: boolean }): TextProblem | undefined {
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const at = `at character ${index + 1}`;
    if (code >= 0x20 && (code < 0xd800 || code > 0xdfff)) continue;
    if (code === 0) {
      return { rule: TEXT_RULES.nul, message: `contains NUL (U+0000) ${at}; PostgreSQL cannot store it` };
    }
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index += 1;
        continue;
      }
    }
    if (code >= 0xd800) {
      return {
        rule: TEXT_RULES.loneSurrogate,
        message: `contains a lone surrogate (${hex(code)}) ${at}: half of a character, not valid Unicode text`,
      };
    }
    const lineCharacter = LINE_CHARACTERS[code];
    if (lineCharacter) {
      if (options.multiline) continue;
      return {
        rule: TEXT_RULES.singleLine,
        message: `contains ${lineCharacter} (${hex(code)}) ${at}; this field takes one line (only notes, descriptions and free texts take several)`,
      };
    }
    return {
      rule: TEXT_RULES.controlCharacter,
      message: `contains the control character ${hex(code)} ${at}, which cannot be printed`,
    };
  }
  return undefined;
}
