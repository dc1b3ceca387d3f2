// The demo company (`--seed demo`): customers, suppliers, persons, products, dimensions, VATs and chart of accounts.
import { toStoredPartner } from '../business-partners/business-partner-records';
import { addPartnerGroup } from '../business-partners/partner-group-routes';
import { addDimensionItem } from '../dimensions/dimension-routes';
import { storePerson } from '../persons/person-records';
import { storeProduct } from '../products/product-records';
import type { BusinessPartner, BusinessPartnerGroup } from '../state/contract-types';
import { type CompanyData, type EmulatorState, nextId } from '../state/emulator-state';
import { type CreatedCompany, createCompany } from './create-company';
import {
  DEMO_CUSTOMERS,
  DEMO_DIMENSION_ITEMS,
  DEMO_PERSONS,
  DEMO_PRODUCTS,
  DEMO_SUPPLIERS,
  type DemoPartner,
} from './demo-seed-data';

/** Well-known credentials of the demo company, so demo set-ups can be scripted. */
export const DEMO_CLIENT_ID = 'procountorBridgeDemoClient';

function addPartner(
  state: EmulatorState,
  company: CompanyData,
  demo: DemoPartner,
  type: 'CUSTOMER' | 'SUPPLIER',
  group: BusinessPartnerGroup,
  nowIso: string,
) {
  const address = { name: demo.name, street: demo.street, zip: demo.zip, city: demo.city, country: 'FINLAND' as const };
  const input: BusinessPartner = {
    name: demo.name,
    type,
    address,
    billingAddress: address,
    invoicingInfo: {
      identifier: demo.businessId,
      identifierType: 'FI',
      invoiceChannel: demo.invoiceChannel,
      language: 'FINNISH',
      ...(demo.email ? { email: demo.email } : {}),
      ...(demo.einvoiceAddress
        ? { einvoiceAddress: demo.einvoiceAddress, einvoiceOperator: demo.einvoiceOperator }
        : {}),
    },
    paymentInfo: { paymentMethod: 'BANK_TRANSFER', currency: 'EUR', paymentTermDays: '14', penalInterestRate: 11.5 },
    registryInfo: { active: true, partnerGroups: [{ id: group.id, name: group.name, type }] },
  };
  const id = nextId(state);
  company.businessPartners.set(id, toStoredPartner(state, company, input, id, nowIso));
}

export function seedDemoCompany(state: EmulatorState, nowIso: string): CreatedCompany {
  const created = createCompany(state, { name: 'Demo Company Oy', clientId: DEMO_CLIENT_ID }, nowIso);
  const company = state.companies.get(created.companyId)!;

  const customers = addPartnerGroup(state, company, { name: 'Kotimaan asiakkaat', type: 'CUSTOMER' });
  const suppliers = addPartnerGroup(state, company, { name: 'Toimittajat', type: 'SUPPLIER' });
  const staff = addPartnerGroup(state, company, { name: 'Henkilöstö', type: 'PERSON' });
  for (const demo of DEMO_CUSTOMERS) addPartner(state, company, demo, 'CUSTOMER', customers, nowIso);
  for (const demo of DEMO_SUPPLIERS) addPartner(state, company, demo, 'SUPPLIER', suppliers, nowIso);

  for (const demo of DEMO_PERSONS) {
    storePerson(
      company,
      {
        firstName: demo.firstName,
        lastName: demo.lastName,
        deliveryAddress: { street: 'Kotikatu 1', zip: '00100', city: demo.city, country: 'FINLAND' },
        paymentInfo: { paymentMethod: 'BANK_TRANSFER', paymentTermDays: '14', penalInterestRate: 0 },
        invoicingInfo: { identifier: demo.hetu, identifierType: 'HETU', language: 'FINNISH', gender: demo.gender },
        registryInfo: { active: true, personGroupsIds: [staff.id!] },
      },
      nextId(state),
      nowIso,
    );
  }

  for (const [code, name, unit, price, vat, defaultAccount] of DEMO_PRODUCTS) {
    const vatStatus = defaultAccount === '3500' ? 6 : 1;
    const input = {
      type: 'SALES' as const,
      code,
      name,
      unit,
      price,
      vat,
      vatStatus,
      discount: 0,
      active: true,
      currency: 'EUR' as const,
      defaultAccount,
    };
    storeProduct(company, input, nextId(state), nowIso);
  }

  for (const dimension of company.dimensions.values()) {
    for (const [codeName, description] of DEMO_DIMENSION_ITEMS[dimension.name] ?? [])
      addDimensionItem(state, dimension, { codeName, description });
  }
  return created;
}
