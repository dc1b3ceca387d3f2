// Scenario steps for master data: dimensions, business partners, products, persons, their defaults, integrations.

import { createIntegrationRequest } from '../../../src/integrations/integration-routes';
import { TEST_IBAN } from '../../helpers/invoice-test-builders';
import type { TestSession } from '../../helpers/test-session';
import { call, type ScenarioContext, type ScenarioStep } from '../scenario-step';

/** Sets a default dimension of a partner, product or person (`/businesspartners/12`) and reads the defaults back. */
async function setDefaultDimensions(session: TestSession, owner: string, ids: ScenarioContext['ids']): Promise<void> {
  const path = `${owner}/defaults/dimensions/${ids.dimensionId}`;
  await call(session, 'PUT', path, { items: [{ codeName: ids.dimensionItemCode, percent: 100 }] });
  await call(session, 'GET', path);
  await call(session, 'GET', `${owner}/defaults/dimensions`);
}

export const MASTER_DATA_STEPS: ScenarioStep[] = [
  {
    name: 'list dimensions, read one, rename it back, add an item and inactivate it',
    run: async ({ session, ids }) => {
      const dimensions = await call(session, 'GET', '/dimensions');
      const dimension = dimensions.find((candidate: { items?: unknown[] }) => (candidate.items ?? []).length > 0);
      ids.dimensionId = dimension.id;
      ids.dimensionItemId = dimension.items[0].id;
      ids.dimensionItemCode = dimension.items[0].codeName;
      await call(session, 'GET', `/dimensions/${dimension.id}`);
      await call(session, 'PUT', `/dimensions/${dimension.id}`, { name: dimension.name });
      const item = await call(session, 'POST', `/dimensions/${dimension.id}/items`, {
        codeName: 'KONF',
        description: 'Konformanssi',
      });
      await call(session, 'PUT', `/dimensions/${dimension.id}/items`, { id: item.id, codeName: 'KONF', status: 'P' });
    },
  },
  {
    name: 'list and read business partners and their default products and accounts',
    run: async ({ session, ids }) => {
      const customers = await call(session, 'GET', '/businesspartners?type=CUSTOMER');
      ids.customerId = customers.results[0].id;
      const suppliers = await call(session, 'GET', '/businesspartners?type=SUPPLIER');
      ids.supplierId = suppliers.results[0].id;
      await call(session, 'GET', `/businesspartners/${ids.customerId}`);
      await call(session, 'GET', `/businesspartners/${ids.customerId}/defaults/products`);
      await call(session, 'GET', `/businesspartners/${ids.customerId}/defaults/accounts`);
    },
  },
  {
    name: 'create a customer group, read it and rename it',
    run: async ({ session, ids }) => {
      await call(session, 'GET', '/businesspartners/groups');
      const group = await call(session, 'POST', '/businesspartners/groups', { name: 'Konformanssi', type: 'CUSTOMER' });
      ids.partnerGroupId = group.id;
      await call(session, 'GET', `/businesspartners/groups/${group.id}`);
      await call(session, 'PUT', `/businesspartners/groups/${group.id}`, {
        name: 'Konformanssiasiakkaat',
        type: 'CUSTOMER',
      });
    },
  },
  {
    name: 'create a customer in the group, replace it, patch its name and give it default dimensions',
    run: async ({ session, ids }) => {
      const created = await call(session, 'POST', '/businesspartners', {
        name: 'Konformanssi Oy',
        type: 'CUSTOMER',
        address: { street: 'Hämeenkatu 5', zip: '33100', city: 'Tampere', country: 'FINLAND' },
        invoicingInfo: {
          identifier: '0737546-2',
          identifierType: 'FI',
          invoiceChannel: 'EMAIL',
          email: 'laskut@konformanssi.fi',
          language: 'FINNISH',
        },
        paymentInfo: { paymentMethod: 'BANK_TRANSFER', currency: 'EUR', paymentTermDays: '14' },
        registryInfo: { partnerGroups: [{ id: ids.partnerGroupId, name: 'Konformanssiasiakkaat', type: 'CUSTOMER' }] },
      });
      const replaced = await call(session, 'PUT', `/businesspartners/${created.id}`, {
        ...created,
        name: 'Konformanssi Ab',
      });
      await call(session, 'PATCH', `/businesspartners/${created.id}`, {
        name: 'Konformanssi Oy Ab',
        version: replaced.version,
      });
      await setDefaultDimensions(session, `/businesspartners/${created.id}`, ids);
    },
  },
  {
    name: 'list and read products',
    run: async ({ session }) => {
      const products = await call(session, 'GET', '/products');
      await call(session, 'GET', `/products/${products.results[0].id}`);
    },
  },
  {
    name: 'create a product group, read and rename it, and remove an empty one',
    run: async ({ session, ids }) => {
      await call(session, 'GET', '/products/groups');
      const group = await call(session, 'POST', '/products/groups', { name: 'Konformanssi', type: 'SALES' });
      ids.productGroupId = group.id;
      await call(session, 'GET', `/products/groups/${group.id}`);
      await call(session, 'PUT', `/products/groups/${group.id}`, { name: 'Konformanssituotteet', type: 'SALES' });
      const empty = await call(session, 'POST', '/products/groups', { name: 'Tyhjä', type: 'SALES' });
      await call(session, 'DELETE', `/products/groups/${empty.id}`);
    },
  },
  {
    name: 'create a product in the group, replace it, give it default dimensions and delete it',
    run: async ({ session, ids }) => {
      const product = await call(session, 'POST', '/products', {
        name: 'Tarkastus',
        code: 'CONF-1',
        type: 'SALES',
        unit: 'HOUR',
        price: 90,
        vat: 25.5,
        discount: 0,
        active: true,
        currency: 'EUR',
        productGroupId: ids.productGroupId,
      });
      await call(session, 'PUT', `/products/${product.id}`, { ...product, price: 95 });
      await setDefaultDimensions(session, `/products/${product.id}`, ids);
      await call(session, 'DELETE', `/products/${product.id}`);
    },
  },
  {
    name: 'create a person, replace it with its version, read its defaults and give it default dimensions',
    run: async ({ session, ids }) => {
      await call(session, 'GET', '/persons');
      const person = await call(session, 'POST', '/persons', {
        firstName: 'Maija',
        lastName: 'Meikäläinen',
        paymentInfo: {
          paymentMethod: 'BANK_TRANSFER',
          paymentTermDays: '14',
          penalInterestRate: 8,
          accountNumber: TEST_IBAN,
        },
        invoicingInfo: { identifier: '131052-308T', identifierType: 'HETU', language: 'FINNISH', gender: 'FEMALE' },
        registryInfo: { active: true, email: 'maija@example.fi' },
      });
      ids.personId = person.id;
      const read = await call(session, 'GET', `/persons/${person.id}`);
      await call(session, 'PUT', `/persons/${person.id}`, { ...read, lastName: 'Virtanen' });
      await call(session, 'GET', `/persons/${person.id}/defaults/products`);
      await setDefaultDimensions(session, `/persons/${person.id}`, ids);
    },
  },
  {
    name: 'show a pending integration request and approve it for the company',
    run: async ({ session }) => {
      const { state, now } = session.emulator.context;
      const pending = createIntegrationRequest(
        state,
        { companyId: session.company.companyId, clientId: session.company.clientId },
        now(),
      );
      await call(session, 'GET', `/integrations/${pending.requestId}`);
      await call(session, 'PUT', `/integrations/${pending.requestId}`, { approve: [session.company.companyId] });
    },
  },
];
