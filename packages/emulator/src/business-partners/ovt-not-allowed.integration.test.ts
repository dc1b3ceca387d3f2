import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartner, salesInvoice, TEST_OPERATOR, TEST_OVT } from '../../test/helpers/invoice-test-builders';
import { startTestSession, type TestSession } from '../../test/helpers/test-session';
import { OVT_NOT_ALLOWED } from './einvoice-addresses';

type Errors = { errors: Array<{ field?: string; message: string }> };

describe('OVT_NOT_ALLOWED: a Finnish OVT for a recipient outside Finland', () => {
  let session: TestSession;
  beforeAll(async () => {
    session = await startTestSession();
  });
  afterAll(() => session.emulator.stop());

  const partner = (country: string, invoicingInfo: Record<string, unknown>) => ({
    name: 'Kund AB',
    type: 'CUSTOMER',
    address: { street: 'Storgatan 1', zip: '11122', city: 'Stockholm', country },
    invoicingInfo: { invoiceChannel: 'ELECTRONIC_INVOICE', einvoiceOperator: '003721291126', ...invoicingInfo },
    paymentInfo: { paymentMethod: 'BANK_TRANSFER', currency: 'EUR' },
  });
  const postPartner = (body: unknown) => session.api('/businesspartners', { method: 'POST', body });

  it('refuses a business partner in Sweden with an OVT as e-invoice address or OVT, keeps INVALID_OVT for a bad one', async () => {
    for (const field of ['einvoiceAddress', 'ovt']) {
      const response = await postPartner(partner('SWEDEN', { [field]: TEST_OVT }));
      expect(response.status).toBe(400);
      expect(((await response.json()) as Errors).errors).toEqual([
        { status: 400, field: `invoicingInfo.${field}`, message: OVT_NOT_ALLOWED },
      ]);
    }
    const malformed = await postPartner(partner('SWEDEN', { einvoiceAddress: '003712345678' }));
    expect(((await malformed.json()) as Errors).errors[0]!.message).toBe('INVALID_OVT');
    for (const country of ['FINLAND', 'ALAND_ISLANDS'])
      expect((await postPartner(partner(country, { einvoiceAddress: TEST_OVT }))).status).toBe(200);
  });

  it('refuses an e-invoice to a counter party in Sweden at an OVT, accepts it in Finland or with no country', async () => {
    const customerId = addPartner(session, 'CUSTOMER');
    const eInvoice = (country: string | undefined) => {
      const body = salesInvoice(session, customerId, { invoiceChannel: 'ELECTRONIC_INVOICE' });
      const { country: _country, ...address } = body.counterParty.counterPartyAddress;
      body.counterParty = {
        ...body.counterParty,
        counterPartyAddress: country ? { ...address, country: country as never } : address,
        einvoiceAddress: { address: TEST_OVT, operator: TEST_OPERATOR },
      };
      return session.api('/invoices', { method: 'POST', body });
    };
    const refused = await eInvoice('SWEDEN');
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Errors).errors).toEqual([
      { status: 400, field: 'counterParty.einvoiceAddress.address', message: OVT_NOT_ALLOWED },
    ]);
    expect((await eInvoice('FINLAND')).status).toBe(200);
    expect((await eInvoice(undefined)).status).toBe(200);
  });
});
