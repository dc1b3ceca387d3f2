// Finnish personal identity code (henkilötunnus, HETU): DDMMYY, century sign, individual number, check character.
import { invalid, type ValidationResult, type ValueResult } from './validation-result';

// The check character is (DDMMYY + individual number as one integer) mod 31, looked up in this alphabet
// (Digital and Population Data Services Agency, dvv.fi "Personal identity code").
const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
// Century signs: + (1800s); - Y X W V U (1900s); A B C D E F (2000s) — the extra signs exist since 2023 (dvv.fi).
const CENTURY_SIGNS = '+-YXWVUABCDEF';
const PATTERN = /^(\d{2})(\d{2})(\d{2})([-+A-FU-Y])(\d{3})([0-9A-Y])$/;

function checkCharacterFor(dateDigits: string, individualNumber: string): string {
  return CHECK_CHARACTERS[Number(`${dateDigits}${individualNumber}`) % 31]!;
}

function centuryOf(sign: string): number {
  if (sign === '+') return 1800;
  return '-YXWVU'.includes(sign) ? 1900 : 2000;
}

/**
 * Validates a Finnish personal identity code such as `131052-308T`: a real birth date, a century sign
 * (+, -, Y, X, W, V, U, A–F), an individual number 002–999 (900–999 are temporary codes) and the mod-31 check character.
 */
export function validatePersonalIdentityCode(input: string): ValidationResult {
  const code = input.trim().toUpperCase();
  if (code === '') return invalid('must not be empty');
  const match = PATTERN.exec(code);
  if (!match || !CENTURY_SIGNS.includes(match[4]!)) {
    return invalid('must be DDMMYY, a century sign, three digits and a check character, like 131052-308T');
  }
  const [, day, month, year, sign, individual, check] = match as unknown as string[];
  const fullYear = centuryOf(sign!) + Number(year);
  const date = new Date(Date.UTC(fullYear, Number(month) - 1, Number(day)));
  if (
    date.getUTCFullYear() !== fullYear ||
    date.getUTCMonth() !== Number(month) - 1 ||
    date.getUTCDate() !== Number(day)
  ) {
    return invalid(`${day}.${month}.${fullYear} is not a date`);
  }
  // 000 and 001 are never issued; 900–999 are temporary codes (dvv.fi), still valid in form.
  if (Number(individual) < 2) return invalid('the individual number must be 002–999');
  const expected = checkCharacterFor(`${day}${month}${year}`, individual!);
  return check === expected ? { valid: true } : invalid(`the check character should be ${expected}`);
}

/** Builds a valid code from its parts (test and demo data), e.g. ('131052', '-', '308') → '131052-308T'. */
export function createPersonalIdentityCode(
  dateDigits: string,
  centurySign: string,
  individualNumber: string,
): ValueResult<string> {
  const code = `${dateDigits}${centurySign}${individualNumber}${checkCharacterFor(dateDigits, individualNumber)}`;
  const result = validatePersonalIdentityCode(code);
  return result.valid ? { valid: true, value: code } : result;
}

/**
 * The code as "******123A": the individual number and check character only, enough to tell people apart, never the
 * birth date or the whole code. For codes shown or sent where they need not be whole (lists, webhooks, logs).
 */
export function maskPersonalIdentityCode(code: string): string {
  return `******${code.trim().slice(-4)}`;
}
