import { validateBusinessId } from '@procountor-bridge/client/finnish';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiWithToken, requestToken } from '../../test/helpers/test-session';
import { businessPartnerProblems } from '../business-partners/validate-business-partner';
import { isValidAgainst } from '../http/contract-validator';
import { personProblems } from '../persons/person-records';
import { productProblems } from '../products/product-records';
import { type RunningEmulator, startEmulator } from '../start-emulator';
import type { CreatedCompany } from './create-company';
import { seedDemoCompany } from './demo-seed';

describe('seedDemoCompany', () => {
  let emulator: RunningEmulator;
  let demo: CreatedCompany;
  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    demo = seedDemoCompany(emulator.context.state, new Date().toISOString());
  });
  afterAll(() => emulator.stop());

  it('stores only data that passes the same contract and Procountor rules as the API', () => {
    const company = emulator.context.state.companies.get(demo.companyId)!;
    expect(company.info.name).toBe('Demo Company Oy');
    expect(company.businessPartners.size).toBe(13);
    for (const partner of company.businessPartners.values()) {
      expect(isValidAgainst('BusinessPartner', partner).errors).toEqual([]);
      expect(businessPartnerProblems(partner, company)).toEqual([]);
      expect(validateBusinessId(partner.invoicingInfo!.identifier!)).toEqual({ valid: true });
    }
    for (const product of company.products.values()) {
      expect(isValidAgainst('Product', product).errors).toEqual([]);
      expect(productProblems(product, company)).toEqual([]);
    }
    for (const person of company.persons.values()) {
      expect(isValidAgainst('Person', person).errors).toEqual([]);
      expect(personProblems(person, company)).toEqual([]);
    }
  });

  it('serves the demo data through the API with the demo credentials', async () => {
    const api = apiWithToken(emulator, await requestToken(emulator, demo));
    const customers = await (await api('/businesspartners?type=CUSTOMER&orderById=ASC')).json();
    expect(customers.meta.totalCount).toBe(10);
    expect(customers.results[0].invoicingInfo.customerNumber).toBe('1000');
    const withEInvoice = await (await api(`/businesspartners/${customers.results[0].id}`)).json();
    expect(withEInvoice.invoicingInfo).toMatchObject({
      invoiceChannel: 'ELECTRONIC_INVOICE',
      einvoiceOperator: '003721291126',
    });
    const products = await (await api('/products')).json();
    expect(products.meta.totalCount).toBe(10);
    const dimensions = await (await api('/dimensions')).json();
    expect(dimensions.map((dimension: { items: unknown[] }) => dimension.items.length)).toEqual([3, 3, 3]);
  });
});
