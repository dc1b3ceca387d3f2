// Finnish personal identity code (henkilötunnus, HETU) check: DDMMYY, century sign, individual number, check character.

const CHECK_CHARACTERS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
// Century signs in use since 2023: + (1800s), - Y X W V U (1900s), A B C D E F (2000s).
const CENTURY_SIGNS = /^[-+YXWVUABCDEF]$/;

export function hetuCheckCharacter(dateDigits: string, individualNumber: string): string {
  return CHECK_CHARACTERS[Number(`${dateDigits}${individualNumber}`) % 31]!;
}

export function isValidHetu(value: string): boolean {
  const match = /^(\d{6})(.)(\d{3})([0-9A-Y])$/.exec(value.trim().toUpperCase());
  if (!match) return false;
  const [, dateDigits, century, individual, check] = match;
  if (!CENTURY_SIGNS.test(century!)) return false;
  const day = Number(dateDigits!.slice(0, 2));
  const month = Number(dateDigits!.slice(2, 4));
  if (day < 1 || day > 31 || month < 1 || month > 12) return false;
  return hetuCheckCharacter(dateDigits!, individual!) === check;
}

/** Builds a valid HETU (demo data), e.g. ('131052', '-', '308') → '131052-308T'. */
export function withHetuCheckCharacter(dateDigits: string, century: string, individualNumber: string): string {
  return `${dateDigits}${century}${individualNumber}${hetuCheckCharacter(dateDigits, individualNumber)}`;
}
