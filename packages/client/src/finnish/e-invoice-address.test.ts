// E-invoice addresses and operator codes as TIEKE's operator list and Procountor's INVALID_OVT / ERROR_OPERATOR use them.
import { describe, expect, it } from 'vitest';
import { validateEInvoiceAddress, validateEInvoiceOperator, validateOvt } from './e-invoice-address';

describe('validateOvt', () => {
  it('accepts 0037 with a valid business ID, with or without a suffix', () => {
    // 2129112-6 is Maventa's business ID (its operator OVT 003721291126).
    expect(validateOvt('003721291126')).toEqual({ valid: true });
    expect(validateOvt('0037212911260001')).toEqual({ valid: true });
  });

  it('refuses a wrong business-ID check digit, a short number and another prefix, naming the rule', () => {
    expect(validateOvt('003721291127')).toEqual({
      valid: false,
      reason: expect.stringContaining('check digit should be 6'),
    });
    expect(validateOvt('00371234')).toMatchObject({ valid: false, reason: expect.stringContaining('0037') });
    expect(validateOvt('003821291126')).toMatchObject({ valid: false });
  });
});

describe('validateEInvoiceAddress', () => {
  it('accepts an OVT identifier and an IBAN', () => {
    expect(validateEInvoiceAddress('003721291126')).toEqual({ valid: true });
    expect(validateEInvoiceAddress('FI2112345600000785')).toEqual({ valid: true });
  });

  it('refuses an OVT with a wrong check digit, an IBAN with wrong check digits and free text', () => {
    expect(validateEInvoiceAddress('003712345678')).toMatchObject({ valid: false });
    expect(validateEInvoiceAddress('FI2112345600000786')).toMatchObject({
      valid: false,
      reason: expect.stringContaining('IBAN'),
    });
    expect(validateEInvoiceAddress('verkkolasku')).toMatchObject({ valid: false });
    expect(validateEInvoiceAddress(' ')).toMatchObject({ valid: false });
  });
});

describe('validateEInvoiceOperator', () => {
  it.each([
    ['003721291126'], // Maventa
    ['003723327487'], // Apix Messaging
    ['00885790000000418'], // a GLN-form operator code
    ['NDEAFIHH'], // Nordea, a bank operator by its BIC
    ['OKOYFIHH'],
    ['E204503'], // OpusCapita
    ['INEXCHANGE'],
  ])('accepts the operator code %s', (code) => {
    expect(validateEInvoiceOperator(code)).toEqual({ valid: true });
  });

  it.each([['XX'], ['bad operator'], ['12345'], ['003721291127'], ['00885790000000419'], ['nordea'], ['OPERAATTORI']])(
    'refuses %s',
    (code) => {
      expect(validateEInvoiceOperator(code)).toMatchObject({ valid: false, reason: expect.any(String) });
    },
  );
});
