// The conformance scenario: a list of steps, each calling the emulator as an integration would. Add steps here.
import type { TestSession } from '../../src/companies/test-session';
import { salesInvoice } from '../../src/invoices/invoice-test-builders';

export interface ScenarioContext {
  session: TestSession;
  /** Ids found by earlier steps, for later ones. */
  ids: Record<string, number | string>;
}

export interface ScenarioStep {
  name: string;
  run: (context: ScenarioContext) => Promise<void>;
}

/** Scenario steps read a few fields of each answer; the contract check, not the step, judges the shape. */
// biome-ignore lint/suspicious/noExplicitAny: the steps navigate untyped JSON answers by design.
type JsonAnswer = any;

async function json(response: Response, what: string): Promise<JsonAnswer> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** GETs whose only purpose is to put a response in the log. */
const plainGets = (paths: string[]): ScenarioStep[] =>
  paths.map((path) => ({
    name: `GET ${path}`,
    run: async ({ session }) => {
      await json(await session.api(path), `GET ${path}`);
    },
  }));

export const SCENARIO: ScenarioStep[] = [
  // The token request happened when the session started (POST /oauth/token is in the log).
  ...plainGets([
    '/company',
    '/sessioninfo',
    '/vats/default',
    '/vats/settings',
    '/coa',
    '/fiscalyears',
    '/currencies',
    '/bankaccounts',
  ]),
  {
    name: 'list and read business partners',
    run: async ({ session, ids }) => {
      const page = await json(await session.api('/businesspartners?type=CUSTOMER'), 'GET /businesspartners');
      ids.customerId = page.results[0].id;
      await json(await session.api(`/businesspartners/${ids.customerId}`), 'GET /businesspartners/{id}');
      await json(await session.api('/businesspartners/groups'), 'GET /businesspartners/groups');
    },
  },
  {
    name: 'list and read products, dimensions and persons',
    run: async ({ session }) => {
      const products = await json(await session.api('/products'), 'GET /products');
      await json(await session.api(`/products/${products.results[0].id}`), 'GET /products/{id}');
      await json(await session.api('/products/groups'), 'GET /products/groups');
      await json(await session.api('/dimensions'), 'GET /dimensions');
      const persons = await json(await session.api('/persons'), 'GET /persons');
      if (persons.results?.[0]) await json(await session.api(`/persons/${persons.results[0].id}`), 'GET /persons/{id}');
    },
  },
  {
    name: 'create a product group and a product',
    run: async ({ session }) => {
      const group = await json(
        await session.api('/products/groups', { method: 'POST', body: { name: 'Konformanssi', type: 'SALES' } }),
        'POST /products/groups',
      );
      await json(
        await session.api('/products', {
          method: 'POST',
          body: {
            name: 'Tarkastus',
            code: 'CONF-1',
            type: 'SALES',
            unit: 'HOUR',
            price: 90,
            vat: 25.5,
            discount: 0,
            active: true,
            currency: 'EUR',
            productGroupId: group.id,
          },
        }),
        'POST /products',
      );
    },
  },
  {
    name: 'create, read, search and approve a sales invoice',
    run: async ({ session, ids }) => {
      const invoice = await json(
        await session.api('/invoices', { method: 'POST', body: salesInvoice(session, Number(ids.customerId)) }),
        'POST /invoices',
      );
      ids.invoiceId = invoice.id;
      const stored = await json(await session.api(`/invoices/${invoice.id}`), 'GET /invoices/{id}');
      await json(
        await session.api(`/invoices?originalInvoiceNumber=${encodeURIComponent(stored.originalInvoiceNumber)}`),
        'GET /invoices',
      );
      await json(
        await session.api(`/invoices/${invoice.id}/approve`, { method: 'PUT', body: { comment: '' } }),
        'PUT /invoices/{id}/approve',
      );
      await json(await session.api(`/invoices/${invoice.id}/paymentevents`), 'GET /invoices/{id}/paymentevents');
      if (stored.ledgerReceiptId)
        await json(await session.api(`/ledgerreceipts/${stored.ledgerReceiptId}`), 'GET /ledgerreceipts/{id}');
    },
  },
  ...plainGets(['/ledgerreceipts', '/attachments', '/webhooks']),
];
