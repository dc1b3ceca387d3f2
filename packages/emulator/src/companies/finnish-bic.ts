// BIC of a Finnish IBAN from its bank code (the first digits of the BBAN), for a few banks: an emulator assumption.

/** Assumption (README "Assumptions"): a short table, enough for demo and default accounts. */
export function finnishBic(iban: string): string | undefined {
  const bank = iban.slice(4);
  if (bank.startsWith('1') || bank.startsWith('2')) return 'NDEAFIHH';
  if (bank.startsWith('5')) return 'OKOYFIHH';
  if (bank.startsWith('8')) return 'DABAFIHH';
  if (bank.startsWith('31')) return 'HANDFIHH';
  if (bank.startsWith('4')) return 'HELSFIHH';
  return undefined;
}
