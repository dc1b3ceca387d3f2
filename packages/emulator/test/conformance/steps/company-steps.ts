// Scenario steps for the company, the session, the gateway status, bank accounts and the registers.
import { call, plainGets, type ScenarioStep } from '../scenario-step';

/** A valid Finnish IBAN other than the demo company's account and the test builders' TEST_IBAN. */
const SECOND_IBAN = 'FI4950009420028730';

export const COMPANY_STEPS: ScenarioStep[] = [
  {
    name: 'read the gateway status without a token',
    run: async ({ session }) => {
      const response = await fetch(`${session.emulator.baseUrl}/status`);
      if (!response.ok) throw new Error(`GET /status answered ${response.status}`);
    },
  },
  ...plainGets([
    '/sessioninfo',
    '/company',
    '/company/usagesettings',
    '/company/einvoiceaddresses',
    '/company/invoicetemplates',
    '/company/deliveryterms',
  ]),
  {
    name: 'update the company with its own information',
    run: async ({ session }) => {
      const info = await call(session, 'GET', '/company');
      await call(session, 'PUT', '/company', info);
    },
  },
  {
    name: 'list bank accounts, add a second one, read it and update it with its version',
    run: async ({ session }) => {
      await call(session, 'GET', '/bankaccounts');
      const account = {
        iban: SECOND_IBAN,
        currency: 'EUR',
        defaultForInvoice: false,
        defaultForPayment: false,
        status: 'ACTIVE',
        ledgerAccount: '1910',
        showAccountOnInvoice: false,
        allowPayments: true,
        allowForeignPayments: false,
      };
      const created = await call(session, 'POST', '/bankaccounts', account);
      const read = await call(session, 'GET', `/bankaccounts/${created.id}`);
      await call(session, 'PUT', `/bankaccounts/${created.id}`, { ...read, bankName: 'Nordea' });
    },
  },
];

export const REGISTER_STEPS: ScenarioStep[] = plainGets([
  '/vats/default',
  '/vats/settings',
  '/vats/country?countryCode=SE',
  '/coa',
  '/fiscalyears',
  '/currencies',
  '/currencies/company',
  '/currencies/latest',
  '/currencies/exchangerate?baseCurrency=EUR&currency=SEK&day=2026-03-02&rateType=PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE',
]);
