// Shows a secret as its last four characters ("…wxyz"), enough to tell keys apart in the console and logs.

const VISIBLE_CHARS = 4;
/** Shorter secrets show nothing: four of eight characters would give half of it away. */
const MIN_LENGTH_TO_SHOW_ANY = 12;

export function maskSecret(secret: string): string {
  if (secret.length < MIN_LENGTH_TO_SHOW_ANY) return '…';
  return `…${secret.slice(-VISIBLE_CHARS)}`;
}
