// ISO 7064 MOD 97-10 over letters and digits: the check shared by IBANs (ISO 13616) and RF references (ISO 11649).

/**
 * Returns the remainder after dividing the number spelt by `alphanumeric` by 97, reading each letter as two digits
 * (A = 10 … Z = 35). Works digit by digit, so any length is exact. `alphanumeric` must hold only 0-9 and A-Z.
 */
export function mod97(alphanumeric: string): number {
  let remainder = 0;
  for (const char of alphanumeric) {
    const value = Number.parseInt(char, 36);
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder;
}

/**
 * Returns the two check digits that make `body + prefix + checkDigits` leave remainder 1, e.g. for an IBAN the BBAN
 * and the country code, for an RF reference the reference and "RF". Always in 02–98.
 */
export function mod97CheckDigits(body: string, prefix: string): string {
  return String(98 - mod97(`${body}${prefix}00`)).padStart(2, '0');
}
