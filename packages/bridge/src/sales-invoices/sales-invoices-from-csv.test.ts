// CSV exports become canonical documents: lines grouped by externalId, quotes and decimal commas handled.
import { describe, expect, it } from 'vitest';
import { parseCsv, salesInvoicesFromCsv } from './sales-invoices-from-csv';

describe('salesInvoicesFromCsv', () => {
  it('groups invoice rows by externalId and reads numbers, quotes and semicolons', () => {
    const csv = [
      'externalId;invoiceDate;customerName;businessId;street;postalCode;city;rowName;quantity;unitPrice;vatPercent',
      'A-1;2026-03-01;"Asiakas; Oy";0112038-9;Katu 1;00100;Helsinki;Work;2;100,50;25,5',
      'A-1;2026-03-01;"Asiakas; Oy";0112038-9;Katu 1;00100;Helsinki;"Travel ""fast""";1;20;25,5',
      'B-2;2026-03-02;Other Oy;;;;;Thing;1;5;25,5',
    ].join('\r\n');
    const documents = salesInvoicesFromCsv(csv);
    expect(documents).toHaveLength(2);
    expect(documents[0]).toMatchObject({
      externalId: 'A-1',
      customer: { name: 'Asiakas; Oy', businessId: '0112038-9', address: { city: 'Helsinki', country: 'FI' } },
      rows: [
        { name: 'Work', quantity: 2, unitPrice: 100.5, vatPercent: 25.5 },
        { name: 'Travel "fast"', quantity: 1 },
      ],
    });
    expect(documents[1]).toMatchObject({
      externalId: 'B-2',
      customer: { name: 'Other Oy', address: { country: 'FI' } },
    });
    expect(documents[1]).not.toHaveProperty('customer.businessId');
  });

  it('parses quoted line breaks inside a field', () => {
    expect(parseCsv('a,b\n"x\ny",z\n')).toEqual([
      ['a', 'b'],
      ['x\ny', 'z'],
    ]);
  });
});
