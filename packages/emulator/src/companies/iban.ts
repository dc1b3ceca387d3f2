// IBAN checks (ISO 13616 mod 97) and Finnish IBANs for company bank accounts.

function mod97(digits: string): number {
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder;
}

function toDigits(text: string): string {
  return [...text].map((char) => (/[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char)).join('');
}

export function isValidIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(iban)) return false;
  if (iban.startsWith('FI') && iban.length !== 18) return false;
  return mod97(toDigits(iban.slice(4) + iban.slice(0, 4))) === 1;
}

/** A Finnish IBAN for a 14-digit BBAN (machine form, no spaces). */
export function finnishIban(bban14: string): string {
  const check = 98 - mod97(toDigits(`${bban14}FI00`));
  return `FI${String(check).padStart(2, '0')}${bban14}`;
}

/** BIC from the bank code (the first digits of a Finnish BBAN); a few banks (assumption: a short table). */
export function finnishBic(iban: string): string | undefined {
  const bank = iban.slice(4);
  if (bank.startsWith('1') || bank.startsWith('2')) return 'NDEAFIHH';
  if (bank.startsWith('5')) return 'OKOYFIHH';
  if (bank.startsWith('8')) return 'DABAFIHH';
  if (bank.startsWith('31')) return 'HANDFIHH';
  if (bank.startsWith('4')) return 'HELSFIHH';
  return undefined;
}
