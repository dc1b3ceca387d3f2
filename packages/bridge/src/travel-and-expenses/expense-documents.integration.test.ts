// Travel invoices, expense claims and purchase invoices from the source through the transfer engine,
// on both databases, against the emulator.
import type { ProcountorClient } from '@procountor-bridge/client';
import { createPersonalIdentityCode } from '@procountor-bridge/client/finnish';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { startTransferTestKit, type TransferTestKit } from '../../test/helpers/transfer-test-kit';
import type { ConnectionSettings } from '../connections/connection-settings';
import { ValidationFailedError } from '../errors/bridge-error';
import { submitPulledDocument } from '../source-pull/submit-pulled-document';
import { createTransferRunner, SimulatedCrash } from '../transfers/run-transfer';
import { resendTransfer } from '../transfers/transfer-actions';
import { ExternalIdConflictError } from '../transfers/transfer-errors';
import { findTransfer, listTimeline } from '../transfers/transfer-repository';
import { dryRunExpenseDocument } from './dry-run-expense-document';
import type { ExpenseClaimInput, SourcePurchaseInvoiceInput, TravelInvoiceInput } from './expense-document-schema';
import { submitExpenseDocument } from './submit-expense-document';

const hetu = (date: string, individual: string) => {
  const made = createPersonalIdentityCode(date, '-', individual);
  if (!made.valid) throw new Error(made.reason);
  return made.value;
};
const PERSON_HETU = hetu('150585', '123');
const PERSON_IBAN = 'FI2112345600000785';
const TODAY = new Date().toISOString().slice(0, 10);

let counter = 0;
const nextId = (prefix: string) => {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
};

function travelInvoice(overrides: Partial<TravelInvoiceInput> = {}): TravelInvoiceInput {
  return {
    externalId: nextId('TRAVEL'),
    invoiceDate: TODAY,
    person: { name: 'Maija Meikäläinen', personalIdentityCode: PERSON_HETU },
    travel: [{ departure: '1.3.2026', arrival: '3.3.2026', places: 'Tampere', purpose: 'Asiakastapaaminen' }],
    rows: [
      {
        expenseCode: 'KM',
        description: 'Kilometrikorvaus',
        quantity: 180,
        unit: 'km',
        unitPrice: 0.59,
        vatPercent: 0,
        dimensions: { project: 'P-100' },
      },
      { description: 'Päiväraha', quantity: 2, unit: 'DAY', unitPrice: 53, vatPercent: 0 },
    ],
    attachments: [
      {
        fileName: 'matkalasku.pdf',
        contentBase64: Buffer.from('%PDF-1.4 travel invoice + receipts').toString('base64'),
      },
    ],
    ...overrides,
  };
}

describeOnBothDatabases('travel invoices, expense claims and purchase invoices from the source', (database) => {
  let kit: TransferTestKit;
  beforeAll(async () => {
    kit = await startTransferTestKit(database.db);
  });
  afterAll(() => kit.stop());

  /** A connection whose Procountor has the person, the travel expense codes KM and PVR, and the project dimension. */
  const setUp = async (options: { withPerson?: boolean; settings?: Partial<ConnectionSettings> } = {}) => {
    const { connectionId, companyId } = await kit.createTestConnection({
      projectDimension: 'Projektit',
      defaultTravelExpenseCode: 'PVR',
      ...options.settings,
    });
    const connection = await kit.connections.requireActive(connectionId);
    const client = (await kit.connections.procountorClient(connection)) as ProcountorClient;
    let personId: number | undefined;
    if (options.withPerson ?? true) personId = await addPerson(client);
    for (const [code, name] of [
      ['KM', 'Kilometrikorvaus'],
      ['PVR', 'Päiväraha'],
    ]) {
      await client.products.create({
        type: 'TRAVEL',
        name,
        code,
        price: 0,
        discount: 0,
        active: true,
        currency: 'EUR',
      } as never);
    }
    return { connectionId, companyId, client, personId };
  };
  const addPerson = async (client: ProcountorClient) =>
    (
      await client.persons.create({
        firstName: 'Maija',
        lastName: 'Meikäläinen',
        paymentInfo: {
          paymentMethod: 'BANK_TRANSFER',
          paymentTermDays: '14',
          penalInterestRate: 8,
          accountNumber: PERSON_IBAN,
        },
        invoicingInfo: { identifier: PERSON_HETU, identifierType: 'HETU', language: 'FINNISH', gender: 'FEMALE' },
        registryInfo: { active: true },
      })
    ).id as number;

  const submitAndRun = async (
    connectionId: string,
    kind: Parameters<typeof submitExpenseDocument>[2],
    document: unknown,
  ) => {
    const { statusCode, body } = await submitExpenseDocument(
      kit.deps,
      connectionId,
      kind,
      document as TravelInvoiceInput,
      {
        mode: 'create',
      },
    );
    const transferId = (body as { transferId: string }).transferId;
    const outcome = await createTransferRunner(kit.deps).run(transferId);
    return { statusCode, transferId, outcome, row: await findTransfer(database.db, transferId) };
  };

  it('transfers a travel invoice: person by personal identity code, expense codes with the default, dimensions per row, one attachment, left unfinished', async () => {
    const { connectionId, companyId, personId } = await setUp();
    const document = travelInvoice();
    const result = await submitAndRun(connectionId, 'travel_invoice', document);
    expect(result.statusCode).toBe(202);
    expect(result.outcome).toBe('succeeded');
    expect(result.row).toMatchObject({ kind: 'travel_invoice', state: 'succeeded', procountor_status: 'UNFINISHED' });

    const company = kit.company(companyId);
    const invoice = company.invoices.get(result.row?.procountor_invoice_id as number);
    expect(invoice).toMatchObject({
      type: 'TRAVEL_INVOICE',
      partnerId: personId,
      status: 'UNFINISHED',
      originalInvoiceNumber: document.externalId,
      travelInformationItems: [expect.objectContaining({ places: 'Tampere' })],
      paymentInfo: expect.objectContaining({ bankAccount: expect.objectContaining({ accountNumber: PERSON_IBAN }) }),
    });
    // The row without a code got the default travel expense code.
    expect(invoice?.invoiceRows.map((row) => row.productCode)).toEqual(['KM', 'PVR']);
    expect(invoice?.invoiceRows[0]).toMatchObject({ unit: 'KILOMETER', quantity: 180 });
    expect(invoice?.attachments?.map((attachment) => attachment.name)).toEqual(['matkalasku.pdf']);
    const receipt = company.ledgerReceipts.get(invoice?.ledgerReceiptId as number);
    const dimensioned = (receipt?.transactions ?? []).filter(
      (transaction) => (transaction.dimensionItemValues ?? []).length > 0,
    );
    expect(dimensioned).toHaveLength(1);

    const events = await database.db
      .selectFrom('events')
      .select(['type', 'payload'])
      .where('connection_id', '=', connectionId)
      .execute();
    expect(events).toEqual([
      expect.objectContaining({
        type: 'transfer.succeeded',
        payload: expect.objectContaining({ kind: 'travel_invoice' }),
      }),
    ]);
  });

  it('leaves the project off travel rows when travelRowsCarryProjects is off, while invoice rows keep theirs', async () => {
    const { connectionId, companyId } = await setUp({ settings: { travelRowsCarryProjects: false } });
    const result = await submitAndRun(connectionId, 'travel_invoice', travelInvoice());
    expect(result.outcome).toBe('succeeded');
    const company = kit.company(companyId);
    const invoice = company.invoices.get(result.row?.procountor_invoice_id as number);
    const receipt = company.ledgerReceipts.get(invoice?.ledgerReceiptId as number);
    expect(receipt?.transactions.some((transaction) => (transaction.dimensionItemValues ?? []).length > 0)).toBe(false);
    const items = [...company.dimensions.values()].flatMap((dimension) => dimension.items ?? []);
    expect(items.map((item) => item.codeName)).not.toContain('P-100');
  });

  it('adds a missing person and updates a changed account with updatePersonsInProcountor', async () => {
    const { connectionId, companyId } = await setUp({
      withPerson: false,
      settings: { updatePersonsInProcountor: true },
    });
    const person = { name: 'Maija Meikäläinen', personalIdentityCode: PERSON_HETU, iban: PERSON_IBAN };
    const first = await submitAndRun(connectionId, 'travel_invoice', travelInvoice({ person }));
    expect(first.outcome).toBe('succeeded');
    const persons = () => [...kit.company(companyId).persons.values()];
    expect(persons()).toEqual([
      expect.objectContaining({
        lastName: 'Meikäläinen',
        invoicingInfo: expect.objectContaining({ identifier: PERSON_HETU }),
        paymentInfo: expect.objectContaining({ accountNumber: PERSON_IBAN }),
      }),
    ]);

    const newIban = 'FI4819503000000010';
    const second = await submitAndRun(
      connectionId,
      'travel_invoice',
      travelInvoice({ person: { ...person, iban: newIban } }),
    );
    expect(second.outcome).toBe('succeeded');
    expect(persons()).toHaveLength(1);
    expect(persons()[0]?.paymentInfo?.accountNumber).toBe(newIban);
  });

  it('refuses travel invoices with travelTransfersEnabled off, storing nothing', async () => {
    const { connectionId } = await setUp({ settings: { travelTransfersEnabled: false } });
    const refusal = submitExpenseDocument(kit.deps, connectionId, 'travel_invoice', travelInvoice(), {
      mode: 'create',
    });
    await expect(refusal).rejects.toMatchObject({ statusCode: 409, code: 'travel_transfers_off' });
    const stored = await database.db
      .selectFrom('transfers')
      .select('id')
      .where('connection_id', '=', connectionId)
      .execute();
    expect(stored).toEqual([]);
  });

  it('names the person when the personal identity code is missing in the source or the person in Procountor, and succeeds on resend', async () => {
    const { connectionId, client } = await setUp({ withPerson: false });
    const missingCode = travelInvoice({ person: { name: 'Matti Virtanen' } });
    const refusal = submitExpenseDocument(kit.deps, connectionId, 'travel_invoice', missingCode, { mode: 'create' });
    await expect(refusal).rejects.toBeInstanceOf(ValidationFailedError);
    await expect(refusal).rejects.toMatchObject({
      details: [
        expect.objectContaining({
          path: 'person.personalIdentityCode',
          message: expect.stringContaining('Matti Virtanen'),
        }),
      ],
    });

    const result = await submitAndRun(connectionId, 'travel_invoice', travelInvoice());
    expect(result.outcome).toBe('failed');
    expect(result.row?.last_error).toMatchObject({
      code: 'person_not_in_procountor',
      message: expect.stringContaining('Maija Meikäläinen'),
    });
    expect(JSON.stringify(result.row?.last_error)).not.toContain(PERSON_HETU);

    await addPerson(client);
    await resendTransfer(kit.deps, connectionId, result.transferId);
    expect(await createTransferRunner(kit.deps).run(result.transferId)).toBe('succeeded');
  });

  it('sends an expense claim as BILL_OF_CHARGES and approves it when asked', async () => {
    const { connectionId, companyId, personId } = await setUp();
    const claim: ExpenseClaimInput = {
      externalId: nextId('EXP'),
      invoiceDate: TODAY,
      person: { name: 'Maija Meikäläinen', personalIdentityCode: PERSON_HETU },
      rows: [{ expenseCode: 'PVR', description: 'Taksi', quantity: 1, unitPrice: 35, vatPercent: 13.5 }],
      statusAfterTransfer: 'APPROVED',
    };
    const result = await submitAndRun(connectionId, 'expense_claim', claim);
    expect(result.outcome).toBe('succeeded');
    const invoice = kit.company(companyId).invoices.get(result.row?.procountor_invoice_id as number);
    expect(invoice).toMatchObject({ type: 'BILL_OF_CHARGES', partnerId: personId, status: 'APPROVED' });
    expect(result.row?.procountor_status).toBe('APPROVED');
  });

  it('sends a freelancer invoice as a draft purchase invoice; idempotent, conflicts refused, VAT checked, dry run writes nothing', async () => {
    const { connectionId, companyId } = await setUp();
    const freelancer: SourcePurchaseInvoiceInput = {
      externalId: nextId('FREE'),
      invoiceNumber: 'F-2026-7',
      invoiceDate: TODAY,
      supplier: { name: 'Freelancer Toiminimi', businessId: '2980005-2', iban: PERSON_IBAN, city: 'Oulu' },
      rows: [
        {
          description: 'Käännöstyö',
          quantity: 10,
          unit: 'h',
          unitPrice: 55,
          vatPercent: 25.5,
          dimensions: { project: 'P-200' },
        },
      ],
    };
    const client = (await kit.connections.procountorClient(
      await kit.connections.requireActive(connectionId),
    )) as ProcountorClient;
    const supplierId = (
      await client.businessPartners.create({
        type: 'SUPPLIER',
        name: 'Freelancer Toiminimi',
        invoicingInfo: { identifier: '2980005-2', identifierType: 'FI' },
        paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
      } as never)
    ).id as number;
    const dry = await dryRunExpenseDocument(kit.deps, connectionId, 'purchase_invoice', freelancer);
    expect(dry).toMatchObject({
      valid: true,
      procountorInvoice: { type: 'PURCHASE_INVOICE', vatStatus: 1, partnerId: supplierId },
    });
    expect(kit.company(companyId).invoices.size).toBe(0);

    const result = await submitAndRun(connectionId, 'purchase_invoice', freelancer);
    expect(result.outcome).toBe('succeeded');
    const invoice = kit.company(companyId).invoices.get(result.row?.procountor_invoice_id as number);
    expect(invoice).toMatchObject({
      type: 'PURCHASE_INVOICE',
      partnerId: supplierId,
      status: 'UNFINISHED',
      originalInvoiceNumber: 'F-2026-7',
      counterParty: expect.objectContaining({ identifier: '2980005-2' }),
    });

    const again = await submitExpenseDocument(kit.deps, connectionId, 'purchase_invoice', freelancer, {
      mode: 'create',
    });
    expect(again).toMatchObject({ statusCode: 200, body: { transferId: result.transferId } });
    await expect(
      submitExpenseDocument(
        kit.deps,
        connectionId,
        'purchase_invoice',
        { ...freelancer, notes: 'changed' },
        { mode: 'create' },
      ),
    ).rejects.toBeInstanceOf(ExternalIdConflictError);
    await expect(
      submitExpenseDocument(
        kit.deps,
        connectionId,
        'purchase_invoice',
        { ...freelancer, externalId: nextId('FREE'), rows: [{ ...freelancer.rows[0]!, vatPercent: 23 }] },
        { mode: 'create' },
      ),
    ).rejects.toMatchObject({
      details: [expect.objectContaining({ path: 'rows[0].vatPercent', rule: 'finnish_vat_rate' })],
    });
    expect(kit.company(companyId).invoices.size).toBe(1);
  });

  it('creates no duplicate when the process dies right after the invoice was created', async () => {
    const { connectionId, companyId } = await setUp();
    const { body } = await submitExpenseDocument(kit.deps, connectionId, 'travel_invoice', travelInvoice(), {
      mode: 'create',
    });
    const transferId = (body as { transferId: string }).transferId;
    const crashing = createTransferRunner(kit.deps, {
      staleInProgressMs: 0,
      afterStep: (step) => {
        if (step === 'create_invoice') throw new SimulatedCrash('killed after create');
      },
    });
    await expect(crashing.run(transferId)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await createTransferRunner(kit.deps, { staleInProgressMs: 0 }).run(transferId)).toBe('succeeded');
    const travelInvoices = [...kit.company(companyId).invoices.values()].filter(
      (invoice) => invoice.type === 'TRAVEL_INVOICE',
    );
    expect(travelInvoices).toHaveLength(1);
    const timeline = await listTimeline(database.db, transferId);
    expect(timeline.filter((entry) => entry.step === 'upload_attachments' && entry.kind === 'step')).toHaveLength(1);
  });
  it('refuses what Procountor would refuse, with the same path and rule at submit, in the dry run and from the pull, storing nothing', async () => {
    const { connectionId } = await setUp();
    const notPdf = Buffer.from('GIF89a, not a PDF').toString('base64');
    const cases: [string, TravelInvoiceInput, string, string][] = [
      [
        'an attachment whose base64 does not decode to its type',
        travelInvoice({ attachments: [{ fileName: 'matkalasku.pdf', contentBase64: notPdf }] }),
        'attachments[0].contentBase64',
        'attachment_content_type',
      ],
      [
        'attachment content that is not base64',
        travelInvoice({ attachments: [{ fileName: 'matkalasku.pdf', contentBase64: '%PDF-1.4' }] }),
        'attachments[0].contentBase64',
        'base64',
      ],
      [
        'a quantity of 1e308',
        travelInvoice({ rows: [{ description: 'Km', quantity: 1e308, unitPrice: 0.59, vatPercent: 0 }] }),
        'rows[0].quantity',
        'quantity_limits',
      ],
      [
        'a unit price of 1e-7',
        travelInvoice({ rows: [{ description: 'Km', quantity: 1, unitPrice: 1e-7, vatPercent: 0 }] }),
        'rows[0].unitPrice',
        'unit_price_limits',
      ],
      ['a date in 2999', travelInvoice({ invoiceDate: '2999-01-01' }), 'invoiceDate', 'date_window'],
      ['the currency XXX', travelInvoice({ currency: 'XXX' }), 'currency', 'procountor_currency'],
    ];
    const before = await database.db.selectFrom('transfers').select('id').execute();
    for (const [what, document, path, rule] of cases) {
      const expected = expect.arrayContaining([expect.objectContaining({ path, rule })]);
      for (const kind of ['travel_invoice', 'expense_claim'] as const) {
        const { travel: _travel, ...claim } = document;
        const input = kind === 'travel_invoice' ? document : claim;
        const submitted = submitExpenseDocument(kit.deps, connectionId, kind, input, { mode: 'create' });
        await expect(submitted, `${what} (${kind})`).rejects.toMatchObject({ details: expected });
        const dryRun = await dryRunExpenseDocument(kit.deps, connectionId, kind, input);
        expect({ what, kind, valid: dryRun.valid }).toEqual({ what, kind, valid: false });
        expect(dryRun.problems).toEqual(expected);
      }
      const pulled = await submitPulledDocument(kit.deps, connectionId, {
        documentType: 'travel_invoice',
        ...document,
      } as never);
      expect(pulled, what).toMatchObject({ problems: expected });
    }
    const purchase: SourcePurchaseInvoiceInput = {
      externalId: nextId('PUR'),
      invoiceDate: TODAY,
      supplier: { name: 'Toimittaja Oy', businessId: '1234567-8', iban: PERSON_IBAN, referenceCode: '1234' },
      rows: [{ description: 'Työ', quantity: 1, unitPrice: -1e15, vatPercent: 25.5 }],
    };
    await expect(
      submitExpenseDocument(kit.deps, connectionId, 'purchase_invoice', purchase, { mode: 'create' }),
    ).rejects.toMatchObject({
      details: [
        expect.objectContaining({ path: 'supplier.businessId', rule: 'finnish_business_id' }),
        expect.objectContaining({ path: 'supplier.referenceCode', rule: 'reference_check_digit' }),
        expect.objectContaining({ path: 'rows[0].unitPrice', rule: 'unit_price_limits' }),
        expect.objectContaining({ path: 'rows[0].unitPrice', rule: 'amount_limits' }),
      ],
    });
    expect(await database.db.selectFrom('transfers').select('id').execute()).toEqual(before);
  });

  it('takes travel reimbursements from the scheduled pull by their documentType', async () => {
    const { connectionId } = await setUp();
    const document = { documentType: 'travel_invoice', ...travelInvoice() };
    const accepted = await submitPulledDocument(kit.deps, connectionId, document as never);
    expect(accepted).toMatchObject({ state: 'queued' });
    const row = await findTransfer(database.db, (accepted as { transferId: string }).transferId);
    expect(row).toMatchObject({ kind: 'travel_invoice', external_id: document.externalId });
    expect(await createTransferRunner(kit.deps).run(row?.id as string)).toBe('succeeded');

    const refused = await submitPulledDocument(kit.deps, connectionId, {
      documentType: 'expense_claim',
      externalId: nextId('EXP'),
      invoiceDate: TODAY,
      person: { name: 'Maija Meikäläinen' },
      rows: [],
    } as never);
    expect(refused).toMatchObject({ problems: [expect.objectContaining({ path: 'rows' })] });
  });
  it("finds the person in the bridge's copy of the person register without asking Procountor", async () => {
    const { connectionId, companyId, personId } = await setUp();
    await sql`
      insert into register_records (connection_id, register, record_key, procountor_id, name, identifier, search_text, data)
      values (${connectionId}, 'persons', ${String(personId)}, ${personId}, 'Meikäläinen Maija', ${PERSON_HETU},
              'meikalainen maija', ${JSON.stringify({ id: personId, lastName: 'Meikäläinen' })}::jsonb)`.execute(
      database.db,
    );
    const result = await submitAndRun(connectionId, 'travel_invoice', travelInvoice());
    expect(result.outcome).toBe('succeeded');
    expect(kit.company(companyId).invoices.get(result.row?.procountor_invoice_id as number)?.partnerId).toBe(personId);
    // No listing of the person register; one read of the person for the bank account the copy does not hold.
    const log = await fetch(`${kit.emulator.url}/_emulator/requests?path=/api/persons*&method=GET`);
    const entries = ((await log.json()) as { entries: Array<{ companyId: number; path: string }> }).entries;
    expect(entries.filter((entry) => entry.companyId === companyId).map((entry) => entry.path)).toEqual([
      `/api/persons/${personId}`,
    ]);
    expect(kit.company(companyId).invoices.get(result.row?.procountor_invoice_id as number)?.paymentInfo).toMatchObject(
      {
        bankAccount: { accountNumber: PERSON_IBAN },
      },
    );
    const timeline = await listTimeline(database.db, result.transferId);
    expect(timeline.map((entry) => entry.message)).toContain(
      `Maija Meikäläinen found in the bridge's copy of the person register as person ${personId}.`,
    );
  });
  it('fails an unknown travel expense code readably, and a corrected document (PUT) goes through; Idempotency-Key replays', async () => {
    const { connectionId, companyId } = await setUp();
    await kit.setSettings(connectionId, { defaultTravelExpenseCode: undefined } as never);
    const wrong = travelInvoice({
      rows: [
        {
          expenseCode: 'KM-2019',
          description: 'Kilometrikorvaus',
          quantity: 10,
          unit: 'km',
          unitPrice: 0.59,
          vatPercent: 0,
        },
      ],
    });
    const failed = await submitAndRun(connectionId, 'travel_invoice', wrong);
    expect(failed.outcome).toBe('failed');
    expect(failed.row?.last_error).toMatchObject({
      code: 'travel_expense_code_unknown',
      message: expect.stringContaining('KM-2019'),
    });
    expect(kit.company(companyId).invoices.size).toBe(0);

    const fixed = { ...wrong, rows: [{ ...wrong.rows[0]!, expenseCode: 'KM' }] };
    const idempotency = { key: `key-${wrong.externalId}`, requestHash: 'hash-of-the-put' };
    const replaced = await submitExpenseDocument(kit.deps, connectionId, 'travel_invoice', fixed, {
      mode: 'replace',
      idempotency,
    });
    expect(replaced).toMatchObject({ statusCode: 202, body: { transferId: failed.transferId, state: 'queued' } });
    const replayed = await submitExpenseDocument(kit.deps, connectionId, 'travel_invoice', fixed, {
      mode: 'replace',
      idempotency,
    });
    expect(replayed).toEqual(replaced);
    expect(await createTransferRunner(kit.deps).run(failed.transferId)).toBe('succeeded');
    const invoices = [...kit.company(companyId).invoices.values()];
    expect(invoices.map((invoice) => invoice.invoiceRows[0]?.productCode)).toEqual(['KM']);
  });
});
