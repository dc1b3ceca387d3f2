// Finnish business ID (Y-tunnus) check: 7 digits, hyphen, check digit (weights 7,9,10,5,8,4,2, modulo 11).

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2];

/** The check digit for seven digits, or undefined when no digit is possible (remainder 1: the number is never issued). */
export function businessIdCheckDigit(sevenDigits: string): number | undefined {
  const sum = [...sevenDigits].reduce((total, digit, index) => total + Number(digit) * WEIGHTS[index]!, 0);
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return undefined;
  return 11 - remainder;
}

/** "1234567-8" with a correct check digit. Six-digit old IDs are padded with a leading zero, as the register does. */
export function isValidBusinessId(value: string): boolean {
  const match = /^(\d{6,7})-(\d)$/.exec(value.trim());
  if (!match) return false;
  const digits = match[1]!.padStart(7, '0');
  return businessIdCheckDigit(digits) === Number(match[2]);
}

/** Builds a valid business ID from seven digits (demo data). */
export function withBusinessIdCheckDigit(sevenDigits: string): string {
  const check = businessIdCheckDigit(sevenDigits);
  if (check === undefined) throw new Error(`${sevenDigits} has no valid check digit; pick other digits`);
  return `${sevenDigits}-${check}`;
}
