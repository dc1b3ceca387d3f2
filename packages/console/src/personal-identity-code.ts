// The console shows a personal identity code (henkilötunnus, HETU) only as far as an admin needs it.

/**
 * Only the birth date part and the century sign: 010190-123A → 010190-****. Enough to tell people apart on a bill,
 * never the whole code (a personal data item the source receives, not the admin's screen).
 */
export function maskPersonalIdentityCode(code: string): string {
  return `${code.slice(0, 7)}****`;
}
