// CSV exports become canonical documents: lines grouped by externalId, quotes and decimal commas handled.
import { describe, expect, it } from 'vitest';
import { parseCsv, salesInvoicesFromCsv } from './sales-invoices-from-csv';
import { validateSalesInvoice } from './validate-sales-invoice';

const RULES = { truncateFields: [], sendingDisabled: false, emailSendingEnabled: false };
const HEADER =
  'externalId,invoiceDate,customerName,street,postalCode,city,rowName,rowDescription,quantity,unitPrice,vatPercent,discountPercent';
/** The problems of the one document of a CSV line under HEADER, as a submit reports them. */
const problemsOfLine = (line: string) => validateSalesInvoice(salesInvoicesFromCsv(`${HEADER}\n${line}`)[0], RULES);

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

  it('reads a CSV saved with a byte order mark', () => {
    expect(salesInvoicesFromCsv('\ufeffexternalId,rowName\nA-1,Work')[0]).toMatchObject({ externalId: 'A-1' });
  });
});

describe('CSV documents meet the API rules', () => {
  it('accepts a valid line, with a line break in the row description', () => {
    expect(problemsOfLine('C-1,2026-03-01,Csv Oy,Katu 1,00100,Helsinki,Work,"First\nsecond",1,10,25.5,')).toEqual([]);
  });

  it('refuses a cell holding text that cannot be stored or printed, by the field it fills', () => {
    expect(problemsOfLine('C-2,2026-03-01,Csv Oy,Katu 1,00100,Helsinki,Wo\u0000rk,,1,10,25.5,')).toEqual([
      expect.objectContaining({ path: 'rows[0].name', rule: 'no_nul_character' }),
    ]);
    expect(problemsOfLine('C-3,2026-03-01,"Csv\nOy",Katu 1,00100,Helsinki,Work,,1,10,25.5,')).toEqual([
      expect.objectContaining({ path: 'customer.name', rule: 'single_line' }),
    ]);
    expect(problemsOfLine('C-4,2026-03-01,Csv Oy,Katu\u001b[2J 1,00100,Helsinki,Work,,1,10,25.5,')).toEqual([
      expect.objectContaining({ path: 'customer.address.street', rule: 'no_control_character' }),
    ]);
  });

  it('names a number cell that is not a number instead of dropping it', () => {
    expect(problemsOfLine('C-5,2026-03-01,Csv Oy,Katu 1,00100,Helsinki,Work,,1,10,25.5,ten')).toEqual([
      { path: 'rows[0].discountPercent', rule: 'type', message: 'must be a number, not a string' },
    ]);
  });
});
