// Reads sales invoices from a spreadsheet export: one CSV line per invoice row, grouped into documents by externalId.

/** Header names the CSV may use (case-insensitive); unknown columns are ignored, so exports can carry extras. */
export const CSV_COLUMNS = [
  'externalId',
  'invoiceNumber',
  'invoiceDate',
  'dueDate',
  'paymentTermDays',
  'currency',
  'language',
  'customerName',
  'businessId',
  'customerNumber',
  'street',
  'postalCode',
  'city',
  'country',
  'email',
  'orderReference',
  'notes',
  'rowKind',
  'productCode',
  'rowName',
  'rowDescription',
  'quantity',
  'unit',
  'unitPrice',
  'vatPercent',
  'discountPercent',
] as const;

/** RFC 4180: fields separated by the delimiter, quoted with "", quotes doubled; ';' when the header line has no ','. */
export function parseCsv(text: string): string[][] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(',') ? ',' : ';';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      if (row.some((value) => value !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  row.push(field);
  if (row.some((value) => value !== '')) rows.push(row);
  return rows;
}

/** A number, or the cell as written when it is none ("abc", "1.2.3"), so validation names the field. */
function number(value: string | undefined): number | string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value.replace(',', '.'));
  return Number.isFinite(parsed) ? parsed : value.trim();
}
const text = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/**
 * Documents in the order their externalId first appears. Values are passed on as written (numbers parsed, "," as a
 * decimal comma allowed); validation happens on submit, so a bad line is reported with its document's field path.
 */
export function salesInvoicesFromCsv(csv: string): Record<string, unknown>[] {
  // Spreadsheets save UTF-8 CSV with a byte order mark; it is not part of the first column's name.
  const [header, ...lines] = parseCsv(csv.charCodeAt(0) === 0xfeff ? csv.slice(1) : csv);
  if (!header) return [];
  const index = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
  const documents = new Map<string, Record<string, unknown> & { rows: Record<string, unknown>[] }>();
  for (const line of lines) {
    const get = (column: (typeof CSV_COLUMNS)[number]) => {
      const i = index.get(column.toLowerCase());
      return i === undefined ? undefined : line[i];
    };
    const externalId = text(get('externalId')) ?? '';
    let document = documents.get(externalId);
    if (!document) {
      const customer = {
        name: text(get('customerName')),
        businessId: text(get('businessId')),
        customerNumber: text(get('customerNumber')),
        email: text(get('email')),
        address: {
          street: text(get('street')),
          postalCode: text(get('postalCode')),
          city: text(get('city')),
          country: text(get('country')) ?? 'FI',
        },
      };
      document = {
        externalId,
        invoiceNumber: text(get('invoiceNumber')),
        invoiceDate: text(get('invoiceDate')),
        dueDate: text(get('dueDate')),
        paymentTermDays: number(get('paymentTermDays')),
        currency: text(get('currency')),
        language: text(get('language')),
        orderReference: text(get('orderReference')),
        notes: text(get('notes')),
        customer: JSON.parse(JSON.stringify(customer)),
        rows: [],
      };
      documents.set(externalId, document);
    }
    document.rows.push({
      kind: text(get('rowKind')),
      productCode: text(get('productCode')),
      name: text(get('rowName')),
      description: text(get('rowDescription')),
      quantity: number(get('quantity')),
      unit: text(get('unit')),
      unitPrice: number(get('unitPrice')),
      vatPercent: number(get('vatPercent')),
      discountPercent: number(get('discountPercent')),
    });
  }
  // JSON round trip drops the undefined fields, so the schema sees only what the CSV gave.
  return [...documents.values()].map((document) => JSON.parse(JSON.stringify(document)));
}
