// The admin console in a real browser (Debian's Chromium through playwright-core) against a real bridge and emulator:
// sign-in, the connection wizard, a failed transfer fixed and resent, the transfer list filtered, "Send to Procountor"
// with the predicted invoice number, payments, bills and imported purchase invoices, the Finnish wizard. Takes the
// screenshots.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProcountorClient, TokenCache } from '@procountor-bridge/client';
import { createPersonalIdentityCode } from '@procountor-bridge/client/finnish';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bridge } from '../../bridge/src/composition/create-bridge';
import { createConsoleUserService } from '../../bridge/src/console-users/console-user-service';
import { toProcountorPartner } from '../../bridge/src/transfers/steps/resolve-business-partner';
import { buildSalesInvoice } from '../../bridge/test/helpers/sales-invoice-builder';
import {
  apiCaller,
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from '../../bridge/test/helpers/start-test-bridge';
import { dimensionToProject, projectItem, receiveSupplierInvoice } from '../../bridge/test/helpers/supplier-invoices';
import { createTestDatabase, type TestDatabase } from '../../bridge/test/helpers/test-database';
// @ts-expect-error: a plain .mjs script without types (it builds dist/ when missing or stale).
import { buildConsoleIfStale } from '../scripts/build-if-stale.mjs';
import { STEP_NAMES, TIMELINE_KIND_NAMES, TRANSFER_FAILURE_TEXTS } from '../src/api-code-texts';

const CHROMIUM = '/usr/bin/chromium';
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** UPDATE_SCREENSHOTS=1 writes the README's screenshots (docs/screenshots); otherwise they go to test-results/. */
const SCREENSHOT_DIR = process.env.UPDATE_SCREENSHOTS
  ? path.join(REPO_ROOT, 'docs', 'screenshots')
  : path.join(REPO_ROOT, 'test-results', 'console-screenshots');
const PASSWORD = 'konsoli-salasana-1';
/** Polls until the page agrees; generous, as the machine may be busy (vitest's default is one second). */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });
/** A valid Finnish personal identity code (HETU) for a bill; the console shows only 010190-****. */
const HETU = (() => {
  const made = createPersonalIdentityCode('010190', '-', '123');
  if (!made.valid) throw new Error(made.reason);
  return made.value;
})();

// A browser and workers on two shared cores: each step may wait a while, so a test may take up to a minute.
describe('admin console in Chromium', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let procountor: TestProcountor;
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;
  let call: ReturnType<typeof apiCaller>;
  let connectionId: string;

  /** A link of the top navigation (pages have other links with the same words). */
  const nav = (name: string) => page.getByRole('navigation').getByRole('link', { name, exact: true });
  /** Every form control and button on the page has an accessible name (a label, aria-label or its text). */
  const expectLabelledControls = async () => {
    const unlabelled = await page.evaluate(() =>
      Array.from(document.querySelectorAll('input, select, textarea, button'))
        .filter((element) => {
          const control = element as HTMLInputElement;
          const named =
            (control.labels?.length ?? 0) > 0 ||
            control.getAttribute('aria-label') ||
            control.getAttribute('aria-labelledby') ||
            (element.tagName === 'BUTTON' && element.textContent?.trim());
          return !named;
        })
        .map((element) => element.outerHTML.slice(0, 120)),
    );
    expect(unlabelled).toEqual([]);
  };
  const screenshot = async (name: string) => {
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: false });
  };
  const transferState = async (transferId: string) =>
    (await call('GET', `/v1/connections/${connectionId}/transfers/${transferId}`, TEST_ADMIN_TOKEN)).json.state;
  /** Waits for the workers to finish a transfer (no time assertion: the test timeout is the only limit). */
  const settled = async (transferId: string) => {
    for (;;) {
      const state = await transferState(transferId);
      if (!['queued', 'in_progress', 'retrying'].includes(state)) return state;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  /** Procountor as a user there acts: the emulator's API with the company's key. */
  const procountorClient = () =>
    new ProcountorClient({
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
      tokenCache: new TokenCache(),
      maxRetries: 0,
    });
  const openConnection = async () => {
    await nav('Connections').click();
    await page.getByRole('link', { name: 'Testi Oy' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
  };
  const submit = async (overrides: Parameters<typeof buildSalesInvoice>[0] = {}) => {
    const response = await call(
      'POST',
      `/v1/connections/${connectionId}/sales-invoices`,
      TEST_ADMIN_TOKEN,
      buildSalesInvoice(overrides),
    );
    expect(response.status).toBe(202);
    return response.json.transferId as string;
  };

  beforeAll(async () => {
    await buildConsoleIfStale({ log: () => {} });
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    database = await createTestDatabase('pglite', { migrate: true });
    procountor = await startTestProcountor('Testi Oy');
    bridge = await startTestBridge(database.db, process.env.DEBUG_CONSOLE ? { logger: pino({ level: 'error' }) } : {}, {
      workerConcurrency: 2,
    });
    call = apiCaller(bridge.url);
    await createConsoleUserService(database.db).add('anna', PASSWORD);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({ viewport: { width: 1366, height: 850 }, locale: 'en-GB' });
    // English for the selectors; one test switches to Finnish.
    await context.addInitScript(() => {
      if (!localStorage.getItem('procountor-bridge.language')) localStorage.setItem('procountor-bridge.language', 'en');
    });
    page = await context.newPage();
    if (process.env.DEBUG_CONSOLE) {
      page.on('request', (r) => console.log(new Date().toISOString(), 'REQ', r.method(), r.url()));
      page.on('response', (r) => console.log(new Date().toISOString(), 'RESP', r.status(), r.url()));
      page.on('console', (m) => console.log(new Date().toISOString(), 'CONSOLE', m.text()));
      page.on('pageerror', (e) => console.log('PAGEERROR', e.message, e.stack));
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await bridge?.stop();
    await procountor?.emulator.stop();
    await database?.destroy();
  });

  it('signs in: a wrong password is refused, the right one opens the dashboard', async () => {
    await page.goto(bridge.url);
    await page.getByLabel('User name').fill('anna');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await eventually(() => page.getByRole('alert').textContent()).toContain('wrong');
    await screenshot('sign-in');

    await expectLabelledControls();
    // With the keyboard only: the password field, type, Enter.
    await page.getByLabel('Password').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await expectLabelledControls();
    expect(await page.getByText('Signed in as anna').isVisible()).toBe(true);
    // The session survives a reload (cookie + GET /v1/session).
    await page.reload();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('sets up a connection with the wizard against the emulator and shows the company', async () => {
    await nav('Connections').click();
    await page.getByRole('link', { name: 'New connection' }).click();
    await page.getByLabel('Name').fill('Testi Oy');
    await page.getByLabel('Environment').selectOption('custom');
    await page.getByLabel('API base URL').fill(procountor.emulator.baseUrl);
    await page.getByLabel('Client identifier (client ID)').fill(procountor.company.clientId);
    await page.getByLabel('Client secret').fill(procountor.company.clientSecret);
    await page.getByRole('button', { name: 'Next' }).click();

    // The steps in Procountor name the client identifier to enter when creating the API key.
    await page.getByRole('heading', { name: 'Create the API key' }).waitFor();
    expect(await page.getByText(`enter exactly: ${procountor.company.clientId}`).count()).toBeGreaterThan(0);
    await screenshot('connection-wizard');
    await expectLabelledControls();
    await page.getByRole('button', { name: 'Next' }).click();

    await page.getByLabel('API key', { exact: true }).fill(procountor.company.apiKey);
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Test the connection' }).click();
    await page.getByText('Connected to Testi Oy (2980005-2).').waitFor();

    const connections = await call('GET', '/v1/connections', TEST_ADMIN_TOKEN);
    expect(connections.json.connections).toEqual([
      expect.objectContaining({ name: 'Testi Oy', status: 'active', companyBusinessId: '2980005-2' }),
    ]);
    connectionId = connections.json.connections[0].id;

    await page.getByRole('link', { name: 'Open the connection' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    // Every setting has its one-line explanation.
    expect(await page.getByText('Create a product in Procountor when a row has a product code').count()).toBe(1);
    await nav('Connections').click();
    await page.getByRole('cell', { name: '2980005-2' }).waitFor();
    await screenshot('connections');
  });

  it('replaces the API key, disables and enables the connection; every setting is labelled', async () => {
    await nav('Connections').click();
    await page.getByRole('link', { name: 'Testi Oy' }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await expectLabelledControls();
    await screenshot('connection');

    const newKey = await procountor.addApiKey();
    await page.getByLabel('New API key').fill(newKey);
    await page.getByRole('button', { name: 'Replace the API key' }).click();
    await page.getByText('The API key was replaced.').waitFor();
    const replaced = (await call('GET', `/v1/connections/${connectionId}`, TEST_ADMIN_TOKEN)).json;
    expect(replaced).toMatchObject({ status: 'active', credentialsVersion: 2, apiKeyMasked: `…${newKey.slice(-4)}` });
    await page.getByText(`…${newKey.slice(-4)}`).waitFor();

    await page.getByRole('button', { name: 'Disable' }).click();
    await page.locator('.page-title .badge', { hasText: 'disabled' }).waitFor();
    expect((await call('GET', `/v1/connections/${connectionId}`, TEST_ADMIN_TOKEN)).json.status).toBe('disabled');
    await page.getByRole('button', { name: 'Enable' }).click();
    await page.locator('.page-title .badge', { hasText: 'active' }).waitFor();
    expect((await call('GET', `/v1/connections/${connectionId}`, TEST_ADMIN_TOKEN)).json.status).toBe('active');
  });

  it('shows a failed transfer with its fix; after the fix a resend gets it into Procountor', async () => {
    const failedId = await submit({
      customer: { ...buildSalesInvoice().customer, name: 'Korjattava Oy' },
      rows: [
        { kind: 'item', name: 'Tuntematon tuote', productCode: 'P-404', quantity: 1, unitPrice: 80, vatPercent: 25.5 },
      ],
    });
    expect(await settled(failedId)).toBe('failed');

    await nav('Dashboard').click();
    await page.getByRole('heading', { name: 'Failures needing attention' }).waitFor();
    await page.getByText('1 failed in total').waitFor();
    await page.getByRole('link', { name: /Korjattava Oy/ }).click();

    await page.getByRole('heading', { name: 'What went wrong' }).waitFor();
    expect(
      await page
        .getByText(/Product code P-404/)
        .first()
        .isVisible(),
    ).toBe(true);
    expect(await page.locator('.problem .fix').textContent()).toContain('turn on "createProductsInProcountor"');
    await page.getByRole('heading', { name: 'The document from the source' }).waitFor();
    await screenshot('transfer-failed');

    // In Finnish the failure reads in Finnish (the console's text of its code), with the bridge's English message,
    // which names the product, beside it; the steps of the timeline are in Finnish too.
    await page.getByLabel('Language').selectOption('fi');
    await page.getByRole('heading', { name: 'Mikä meni vikaan' }).waitFor();
    const problem = page.locator('.problem');
    const productNotFound = TRANSFER_FAILURE_TEXTS.product_not_found;
    expect(await problem.textContent()).toContain(productNotFound.what.fi);
    expect(await problem.textContent()).not.toContain(productNotFound.what.en);
    expect(await problem.locator('.fix').textContent()).toBe(productNotFound.fixFi);
    expect(await problem.locator('.bridge-message [lang="en"]').textContent()).toContain('Product code P-404');
    expect(await problem.textContent()).toContain(STEP_NAMES.resolve_products!.fi);
    const failedEntry = page.locator('.timeline tr.timeline-error').last();
    expect(await failedEntry.locator('td').nth(1).textContent()).toBe(STEP_NAMES.resolve_products!.fi);
    expect(await failedEntry.locator('.timeline-kind').textContent()).toBe(TIMELINE_KIND_NAMES.error.fi);
    await screenshot('transfer-failed-fi');
    await page.getByLabel('Kieli').selectOption('en');
    await page.getByRole('heading', { name: 'What went wrong' }).waitFor();

    // The fix: let the bridge create products in Procountor (the connection's settings form).
    await nav('Connections').click();
    await page.getByRole('link', { name: 'Testi Oy' }).click();
    await page.getByRole('checkbox', { name: 'createProductsInProcountor' }).check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    expect(
      (await call('GET', `/v1/connections/${connectionId}`, TEST_ADMIN_TOKEN)).json.settings.createProductsInProcountor,
    ).toBe(true);

    await page.goto(`${bridge.url}/connections/${connectionId}/transfers/${failedId}`);
    await page.getByRole('button', { name: 'Resend' }).click();
    // The page follows the transfer until the workers finish it.
    await page.locator('.page-title .badge', { hasText: 'transferred' }).waitFor({ timeout: 30_000 });
    expect(await transferState(failedId)).toBe('succeeded');
    const invoiceId = await page.getByTestId('procountor-invoice-id').textContent();
    expect(Number(invoiceId)).toBeGreaterThan(0);
    await page.getByRole('heading', { name: 'Sent to Procountor' }).waitFor();
    await expectLabelledControls();
    await screenshot('transfer');
  });

  it('filters the transfer list by customer, state and amount, with search', async () => {
    const ids = [
      await submit({ customer: { ...buildSalesInvoice().customer, name: 'Alpha Oy' } }),
      await submit({ customer: { ...buildSalesInvoice().customer, name: 'Beta Ab' } }),
      await submit({
        customer: { ...buildSalesInvoice().customer, name: 'Gamma Oy' },
        rows: [{ kind: 'item', name: 'Iso työ', quantity: 10, unitPrice: 500, vatPercent: 25.5 }],
      }),
    ];
    for (const id of ids) expect(await settled(id)).toBe('succeeded');

    await nav('Transfers').click();
    const rows = page.locator('table.transfers tbody tr');
    await eventually(() => rows.count()).toBe(4);

    await page.getByLabel('Customer (asiakas)').fill('beta');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await eventually(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Beta Ab');
    expect(page.url()).toContain('customer=beta');

    await page.getByRole('button', { name: 'Clear' }).click();
    await eventually(() => rows.count()).toBe(4);
    await page.getByLabel('Amount at least').fill('1000');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await eventually(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Gamma Oy');

    // Search finds a transfer by its reference number (viitenumero) in Procountor too.
    const gamma = await call('GET', `/v1/connections/${connectionId}/transfers/${ids[2]}`, TEST_ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('Search').fill(gamma.json.procountor.referenceCode);
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    await eventually(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Gamma Oy');

    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByLabel('State').selectOption('succeeded');
    await page.getByLabel('Search').fill('Oy');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    // Korjattava Oy (resent), Alpha Oy, Gamma Oy.
    await eventually(() => rows.count()).toBe(3);
    await page.getByRole('button', { name: 'Clear' }).click();
    await eventually(() => rows.count()).toBe(4);
    await expectLabelledControls();
    await screenshot('transfers');
  });

  it('in manual transfer mode a document waits for "Send to Procountor" in the list', async () => {
    await nav('Connections').click();
    await page.getByRole('link', { name: 'Testi Oy' }).click();
    await page.getByLabel('transferMode').selectOption('manual');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Saved.').waitFor();
    const waiting = await submit({ customer: { ...buildSalesInvoice().customer, name: 'Manuaali Oy' } });
    expect(await transferState(waiting)).toBe('waiting_for_send');

    await nav('Transfers').click();
    await page.getByLabel('State').selectOption('waiting_for_send');
    await page.getByRole('button', { name: 'Filter', exact: true }).click();
    const row = page.locator('table.transfers tbody tr', { hasText: 'Manuaali Oy' });
    await row.getByRole('button', { name: 'Send to Procountor' }).click();
    expect(await settled(waiting)).toBe('succeeded');

    // Back to automatic for the rest.
    const restored = await call('PATCH', `/v1/connections/${connectionId}`, TEST_ADMIN_TOKEN, {
      settings: { transferMode: null },
    });
    expect(restored.json.settings.transferMode).toBe('automatic');
  });

  it('syncs the registers with progress; a partner suggestion is accepted and a customer linked by hand', async () => {
    // A partner made in Procountor by a user, and a customer of the source with a near name and no business ID.
    const client = procountorClient();
    const address = { street: 'Katu 1', postalCode: '00100', city: 'Helsinki', country: 'FI' as const };
    const partner = await client.businessPartners.create(
      toProcountorPartner({ name: 'Kahvila Aurinko Oy', customerNumber: 'K-1', address }),
    );
    const other = await client.businessPartners.create(
      toProcountorPartner({ name: 'Lehtinen Tmi', customerNumber: 'L-1', address }),
    );

    await nav('Registers').click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await page.locator('.sync-progress .badge', { hasText: 'succeeded' }).waitFor({ timeout: 30_000 });
    await page.getByRole('cell', { name: 'Kahvila Aurinko Oy' }).waitFor();
    await expectLabelledControls();
    await screenshot('registers');

    const stored = await call('PUT', `/v1/connections/${connectionId}/source-customers`, TEST_ADMIN_TOKEN, {
      customers: [
        { name: 'Kahvila Auringo', customerNumber: 'S-2' },
        { name: 'Täysin Muu', customerNumber: 'S-4' },
      ],
    });
    expect(stored.status).toBe(200);

    await nav('Linking').click();
    const row = page.locator('tr[data-source-key="number:S-2"]');
    await row.getByText('Kahvila Aurinko Oy').waitFor();
    await expectLabelledControls();
    await screenshot('linking');
    await row.getByRole('button', { name: 'Accept: Kahvila Aurinko Oy' }).click();
    await eventually(() => row.count()).toBe(0);

    const links = await call('GET', `/v1/connections/${connectionId}/customer-links?status=linked`, TEST_ADMIN_TOKEN);
    const link = links.json.results.find((result: { sourceKey: string }) => result.sourceKey === 'number:S-2');
    expect(link.link).toMatchObject({ procountorId: partner.id, origin: 'accepted_suggestion' });
    await page.getByLabel('Show').selectOption('linked');
    await row.getByText('accepted_suggestion').waitFor();

    // A customer nothing resembles is linked by hand, found by searching the synced register.
    await page.getByLabel('Show').selectOption('unlinked');
    const unmatched = page.locator('tr[data-source-key="number:S-4"]');
    await unmatched.getByText('No suggestions: link by hand.').waitFor();
    await unmatched.getByLabel('Link by hand: Search').fill('lehtinen');
    await unmatched.getByRole('button', { name: 'Search', exact: true }).click();
    await unmatched.getByRole('button', { name: 'Link by hand: Lehtinen Tmi' }).click();
    await eventually(() => unmatched.count()).toBe(0);
    const manual = await call('GET', `/v1/connections/${connectionId}/customer-links?status=linked`, TEST_ADMIN_TOKEN);
    expect(
      manual.json.results.find((result: { sourceKey: string }) => result.sourceKey === 'number:S-4').link,
    ).toMatchObject({ procountorId: other.id, origin: 'manual' });
  });

  it('shows the dashboard in Finnish with the counts and the chart', async () => {
    await nav('Dashboard').click();
    await page.getByLabel('Language').selectOption('fi');
    await page.getByRole('heading', { name: 'Yleiskatsaus' }).waitFor();
    await page.getByRole('img', { name: 'Siirrot viimeisten 30 päivän aikana' }).waitFor();
    const succeededToday = page.getByRole('row', { name: /^siirretty/ });
    await eventually(() => succeededToday.textContent()).toMatch(/siirretty\s*55/);
    await screenshot('dashboard');
    await page.getByLabel('Kieli').selectOption('en');
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  });

  it('asks before "Send to Procountor" on the transfer page, with the predicted invoice number it then gets', async () => {
    const settingsPath = `/v1/connections/${connectionId}`;
    await call('PATCH', settingsPath, TEST_ADMIN_TOKEN, { settings: { transferMode: 'manual' } });
    try {
      const waiting = await submit({ customer: { ...buildSalesInvoice().customer, name: 'Numeroitava Oy' } });
      expect(await transferState(waiting)).toBe('waiting_for_send');
      const predicted = (await call('GET', `${settingsPath}/next-invoice-number?fresh=true`, TEST_ADMIN_TOKEN)).json
        .predictedInvoiceNumber as number;
      expect(predicted).toBeGreaterThan(0);

      await page.goto(`${bridge.url}/connections/${connectionId}/transfers/${waiting}`);
      await page.getByRole('button', { name: 'Send to Procountor' }).click();
      const dialog = page.getByRole('dialog', { name: /Send .* to Procountor\?/ });
      await dialog
        .getByTestId('next-invoice-number')
        .getByText(`Procountor will most likely give it invoice number ${predicted}.`)
        .waitFor();
      expect(await dialog.textContent()).toContain('A prediction, not a reservation');
      // Nothing is sent before the confirmation.
      expect(await transferState(waiting)).toBe('waiting_for_send');
      await expectLabelledControls();
      await screenshot('transfer-send-dialog');

      await dialog.getByRole('button', { name: 'Yes, send' }).click();
      await page.locator('.page-title .badge', { hasText: 'transferred' }).waitFor({ timeout: 30_000 });
      expect(await transferState(waiting)).toBe('succeeded');
      await eventually(() => page.getByTestId('procountor-invoice-number').textContent()).toBe(String(predicted));
    } finally {
      await call('PATCH', settingsPath, TEST_ADMIN_TOKEN, { settings: { transferMode: null } });
    }
  });

  it('shows the payment state on a transfer page after a bank payment, checked with "Check payments now"', async () => {
    // APPROVED: the invoice is NOT_SENT in Procountor, where the bank can pay it (UNFINISHED takes no payments).
    const settingsPath = `/v1/connections/${connectionId}`;
    await call('PATCH', settingsPath, TEST_ADMIN_TOKEN, { settings: { statusAfterTransfer: 'APPROVED' } });
    const transferId = await submit({ customer: { ...buildSalesInvoice().customer, name: 'Maksaja Oy' } });
    expect(await settled(transferId)).toBe('succeeded');
    await call('PATCH', settingsPath, TEST_ADMIN_TOKEN, { settings: { statusAfterTransfer: null } });
    const transfer = (await call('GET', `/v1/connections/${connectionId}/transfers/${transferId}`, TEST_ADMIN_TOKEN))
      .json;
    const payment = await fetch(
      `${procountor.emulator.url}/_emulator/invoices/${transfer.procountor.invoiceId}/bank-payments`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 100 }) },
    );
    expect(payment.status).toBe(200);

    // The bridge subscribed to Procountor's payment webhook by itself after activation; its URL here (the test
    // bridge's BRIDGE_PUBLIC_URL) is not reachable, so unsubscribe and let "Check payments now" find the payment.
    await openConnection();
    const webhookCard = page.getByRole('region', { name: 'Payment notifications from Procountor' });
    await webhookCard.getByText('subscribed', { exact: true }).waitFor();
    await webhookCard.getByText(`/hooks/procountor/${connectionId}`).waitFor();
    await webhookCard.scrollIntoViewIfNeeded();
    await expectLabelledControls();
    await screenshot('connection-payments-import');
    await page.getByRole('button', { name: 'Unsubscribe' }).click();
    await page.getByText('Not subscribed: payments are checked every 15 minutes.').waitFor();
    const subscriptionPath = `/v1/connections/${connectionId}/procountor-webhook`;
    expect((await call('GET', subscriptionPath, TEST_ADMIN_TOKEN)).status).toBe(404);
    await page.getByRole('button', { name: 'Check payments now' }).click();
    await page.getByText('Payments are being checked in Procountor.').waitFor();
    const paymentsPath = `/v1/connections/${connectionId}/sales-invoices/${transfer.externalId}/payments`;
    await eventually(async () => (await call('GET', paymentsPath, TEST_ADMIN_TOKEN)).json.amountPaid).toBe(100);

    await page.goto(`${bridge.url}/connections/${connectionId}/transfers/${transferId}`);
    const payments = page.getByTestId('payment-state');
    await payments.getByText('partly paid').waitFor();
    expect(await page.getByTestId('amount-paid').textContent()).toContain('100.00');
    expect(await page.getByTestId('amount-open').textContent()).toContain((transfer.totalAmount - 100).toFixed(2));
    const rows = payments.locator('table.payments tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('check in Procountor');
    await expectLabelledControls();
    await payments.scrollIntoViewIfNeeded();
    await screenshot('transfer-payments');

    // Subscribed again from the connection page.
    await openConnection();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByText("Subscribed to Procountor's payment notifications.").waitFor();
    await webhookCard.getByText('subscribed', { exact: true }).waitFor();
    expect((await call('GET', subscriptionPath, TEST_ADMIN_TOKEN)).json.state).toBe('subscribed');
  });

  let approvedBillId: number;
  let approvedBillNumber: string;

  it('approves a bill from the Bills page after a confirmation; the personal identity code is masked', async () => {
    const client = procountorClient();
    await projectItem(client, 'PRJ-7');
    const bill = await receiveSupplierInvoice(procountor.emulator, procountor.company.companyId, {
      buyerReferenceIdentifier: 'PRJ-7',
      additionalInformation: `Kulut: ${HETU}`,
    });
    approvedBillId = bill.id as number;
    approvedBillNumber = String(bill.invoiceNumber ?? bill.id);

    await nav('Bills').click();
    const row = page.locator(`tr[data-bill="${bill.id}"]`);
    await row.getByText('PRJ-7').waitFor();
    expect(await row.getByTestId('personal-identity-code').textContent()).toContain('010190-****');
    expect(await page.locator('main').textContent()).not.toContain(HETU);
    await row.getByRole('button', { name: `Approve: ${approvedBillNumber}` }).click();
    await row.getByText(/Approve bill .* of Toimittaja Oy .* in Procountor\?/).waitFor();
    // Nothing is approved before the confirmation.
    expect((await client.invoices.get(approvedBillId)).status).toBe('RECEIVED');
    await row.getByLabel('Comment').fill('Projektille PRJ-7');
    await expectLabelledControls();
    await screenshot('bills');
    await row.getByRole('button', { name: 'Yes, approve' }).click();
    await page.getByText(`Bill ${approvedBillNumber} approved in Procountor.`).waitFor();
    await eventually(() => row.count()).toBe(0);
    expect((await client.invoices.get(approvedBillId)).status).toBe('APPROVED');
  });

  it('imports the approved bill, once dimensioned to a project, and acknowledges it on the Purchase invoices page', async () => {
    await dimensionToProject(procountorClient(), approvedBillId, 'PRJ-7');
    await openConnection();
    await page.getByLabel('Interval (minutes)').fill('10');
    await page.getByRole('button', { name: 'Save the import settings' }).click();
    await page.getByText('Saved.').waitFor();
    const importPath = `/v1/connections/${connectionId}/purchase-invoice-import`;
    expect((await call('GET', importPath, TEST_ADMIN_TOKEN)).json).toMatchObject({
      enabled: false,
      intervalMinutes: 10,
    });
    await page.getByRole('button', { name: 'Import now' }).click();
    await page.getByText(/^1 imported, 0 waiting for a project/).waitFor();

    await nav('Purchase invoices').click();
    const row = page.locator(`tr[data-purchase-invoice="${approvedBillId}"]`);
    await row.getByText('PRJ-7').waitFor();
    await row.getByRole('button', { name: `Details: ${approvedBillNumber}` }).click();
    const accounting = page.locator('table.accounting');
    await accounting.getByText(/PRJ-7/).first().waitFor();
    await expectLabelledControls();
    await screenshot('purchase-invoices');
    await row.getByRole('button', { name: `Acknowledge: ${approvedBillNumber}` }).click();
    await page.getByText(`Purchase invoice ${approvedBillNumber} acknowledged.`).waitFor();
    await eventually(() => row.count()).toBe(0);
    const open = await call(
      'GET',
      `/v1/connections/${connectionId}/purchase-invoices?acknowledged=false`,
      TEST_ADMIN_TOKEN,
    );
    expect(open.json.purchaseInvoices).toEqual([]);
  });

  it('shows the wizard in Finnish, the steps in Procountor included', async () => {
    await page.getByLabel('Language').selectOption('fi');
    await nav('Yhteydet').click();
    await page.getByRole('link', { name: 'Uusi yhteys' }).click();
    await page.getByLabel('Nimi').fill('Toinen Oy');
    await page.getByLabel('Client identifier (asiakastunniste)').fill('asiakas-123');
    await page.getByLabel('Client secret').fill('salaisuus');
    await page.getByRole('button', { name: 'Seuraava' }).click();
    await page.getByRole('heading', { name: 'Luo API-avain' }).waitFor();
    await page.getByText('anna täsmälleen: asiakas-123').waitFor();
    const steps = await page.locator('.activation-steps').textContent();
    for (const english of ['Log in', 'Click', 'Create', 'Enable', 'Turn on', 'Management >']) {
      expect(steps).not.toContain(english);
    }
    await expectLabelledControls();
    await screenshot('connection-wizard-fi');
    await page.getByLabel('Kieli').selectOption('en');
    await nav('Dashboard').click();
  });

  it('signs out: the API no longer answers the browser', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/v1/connections')).status);
    expect(status).toBe(401);
  });
});
