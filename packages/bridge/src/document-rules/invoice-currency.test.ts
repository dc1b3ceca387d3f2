// Currencies an invoice may be in: the contract's list less metals, units, test codes and withdrawn currencies.
import { describe, expect, it } from 'vitest';
import { currencyProblem, INVOICE_CURRENCIES } from './invoice-currency';

describe('currencyProblem', () => {
  it('accepts current currencies', () => {
    for (const code of ['EUR', 'SEK', 'NOK', 'USD', 'JPY', 'XOF'])
      expect(currencyProblem('currency', code)).toBeUndefined();
  });

  it('refuses XXX, metals, withdrawn and unknown codes with the rule procountor_currency', () => {
    for (const code of ['XXX', 'XTS', 'XAU', 'FIM', 'DEM', 'RMB', 'ABC']) {
      expect(currencyProblem('currency', code)).toMatchObject({ path: 'currency', rule: 'procountor_currency' });
    }
    expect(INVOICE_CURRENCIES.has('XXX')).toBe(false);
  });
});
