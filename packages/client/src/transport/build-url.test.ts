import { describe, expect, it } from 'vitest';
import { buildQueryString, fillPathTemplate, joinUrl } from './build-url';

describe('fillPathTemplate', () => {
  it('fills and encodes placeholders but keeps batch commas', () => {
    expect(fillPathTemplate('/invoices/{invoiceId}', { invoiceId: '1,2,3' })).toBe('/invoices/1,2,3');
    expect(fillPathTemplate('/webhooks/{uuid}', { uuid: 'a/b' })).toBe('/webhooks/a%2Fb');
  });

  it('says which path parameter is missing', () => {
    expect(() => fillPathTemplate('/invoices/{invoiceId}', {})).toThrow('options.path.invoiceId');
  });
});

describe('buildQueryString', () => {
  it('leaves out undefined and null, joins arrays with commas', () => {
    expect(buildQueryString({ a: undefined, b: null, c: ['X', 'Y'], d: false, e: 0 })).toBe('?c=X%2CY&d=false&e=0');
    expect(buildQueryString({})).toBe('');
  });
});

describe('joinUrl', () => {
  it('joins without doubled slashes', () => {
    expect(joinUrl('https://api.procountor.com/api/', '/coa')).toBe('https://api.procountor.com/api/coa');
  });
});
