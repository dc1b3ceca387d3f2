// Per-connection settings: each named for what it does, with a one-line description reused by the API docs and console.
import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';
import { TRUNCATABLE_FIELDS } from '../sales-invoices/field-limits';

const DimensionName = (what: string) =>
  Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description: `Name of the Procountor dimension that receives ${what} as dimension items.`,
    }),
  );

/**
 * As Visma Severa's integration does: the bridge fetches documents in a configured status every N minutes
 * (docs/scheduled-pull.md).
 */
const ScheduledPullSchema = Type.Object(
  {
    url: Type.String({
      minLength: 1,
      maxLength: 2000,
      pattern: '^https?://',
      description:
        "The source's documents endpoint; the bridge GETs `{url}?status={status}` and POSTs `{url}/{externalId}/status`.",
    }),
    status: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'The source status whose documents are fetched, e.g. "waiting_for_transfer".',
    }),
    intervalMinutes: Type.Integer({
      minimum: 1,
      maximum: 1440,
      default: 10,
      description: 'Minutes between fetches; 10 by default.',
    }),
    travelStatus: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 100,
        description:
          'The source status of travel reimbursements, fetched too when set (travel reimbursements often wait in statuses of their own); its documents are travel invoices unless they name another documentType.',
      }),
    ),
    authorizationHeader: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 4000,
        description: 'Sent as the Authorization header to the source, as given; a secret, never logged.',
      }),
    ),
  },
  {
    additionalProperties: false,
    description: 'Fetch documents in a configured source status on a schedule and report their transfer status back.',
  },
);

export const ConnectionSettingsSchema = Type.Object(
  {
    transferMode: Type.Union([Type.Literal('automatic'), Type.Literal('manual')], {
      default: 'automatic',
      description:
        'automatic: a submitted document goes to Procountor at once; manual: it waits for "Send to Procountor".',
    }),
    createCustomersInProcountor: Type.Boolean({
      default: true,
      description: 'Create a business partner in Procountor when no partner matches the customer.',
    }),
    reuseCustomerWithSameBusinessId: Type.Boolean({
      default: false,
      description: 'Never create a second partner for a business ID that exists, even with another customer number.',
    }),
    requireCustomerLink: Type.Boolean({
      default: false,
      description:
        'Send invoices only for customers linked to a Procountor business partner on the linking page; no matching, no new partners.',
    }),
    createProductsInProcountor: Type.Boolean({
      default: false,
      description:
        'Create a product in Procountor when a row has a product code Procountor does not know, or no code and no product of the same name.',
    }),
    defaultProductCode: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        description: 'Product code used for rows without a code; must exist in Procountor.',
      }),
    ),
    defaultWorkTypeCode: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 50,
        description: 'Product code used for rows with itemType work_type and no code; defaultProductCode when unset.',
      }),
    ),
    projectDimension: DimensionName('projects'),
    costCenterDimension: DimensionName('cost centres'),
    businessUnitDimension: DimensionName('business units'),
    rowsCarryProjects: Type.Boolean({
      default: true,
      description: 'Invoice rows carry their project as a dimension.',
    }),
    rowsCarryCostCenters: Type.Boolean({
      default: true,
      description: 'Invoice rows carry their cost centre as a dimension.',
    }),
    rowsCarryBusinessUnits: Type.Boolean({
      default: true,
      description: 'Invoice rows carry their business unit as a dimension.',
    }),
    travelRowsCarryProjects: Type.Boolean({
      default: true,
      description: 'Travel invoice and expense claim rows carry their project as a dimension.',
    }),
    travelRowsCarryCostCenters: Type.Boolean({
      default: true,
      description: 'Travel invoice and expense claim rows carry their cost centre as a dimension.',
    }),
    travelRowsCarryBusinessUnits: Type.Boolean({
      default: true,
      description: 'Travel invoice and expense claim rows carry their business unit as a dimension.',
    }),
    statusAfterTransfer: Type.Union([Type.Literal('UNFINISHED'), Type.Literal('APPROVED'), Type.Literal('SENT')], {
      default: 'UNFINISHED',
      description:
        'Status of the invoice in Procountor after transfer: left unfinished for checking (recommended), approved, or approved and sent.',
    }),
    attachmentMode: Type.Union(
      [Type.Literal('invoice_pdf_with_attachments'), Type.Literal('breakdown_only'), Type.Literal('none')],
      {
        default: 'invoice_pdf_with_attachments',
        description:
          "Which files go with a sales invoice: the source's invoice PDF with attachments, the breakdown only, or none.",
      },
    ),
    emailSending: Type.Boolean({
      default: false,
      description: 'Send invoices by e-mail when the customer has an e-mail address and no e-invoice address.',
    }),
    sendingDisabled: Type.Boolean({
      default: false,
      description: 'Procountor never sends the invoices (channel NO_SENDING); they are printed or sent some other way.',
    }),
    errorEmailRecipients: Type.Array(Type.String({ format: 'email' }), {
      default: [],
      maxItems: 20,
      description: 'Who gets an e-mail when a transfer fails.',
    }),
    truncateFields: Type.Array(Type.Union(TRUNCATABLE_FIELDS.map((field) => Type.Literal(field))), {
      default: [],
      description: 'Fields cut to Procountor\'s limit instead of rejecting the document (e.g. "customer.name").',
    }),
    rateLimitPerSecond: Type.Number({
      minimum: 0.1,
      maximum: 100,
      default: 5,
      description: 'Requests per second to Procountor for this connection, across all bridge processes.',
    }),
    maxConcurrentTransfers: Type.Integer({
      minimum: 1,
      maximum: 20,
      default: 2,
      description: 'Transfers of this connection running at once, across all bridge processes.',
    }),
    markPaidInProcountor: Type.Boolean({
      default: false,
      description:
        'Forward a "mark as paid" from the source (POST …/mark-paid) to Procountor\'s markpaid (docs/payments.md).',
    }),
    subscribeToProcountorWebhooks: Type.Boolean({
      default: true,
      description:
        "Subscribe to Procountor's payment webhooks by itself on activation and at start, so payments come back at once (docs/payments.md).",
    }),
    syncRegistersOnActivation: Type.Boolean({
      default: false,
      description:
        "Import Procountor's registers (business partners, products, dimensions…) as soon as the connection is activated; otherwise on demand or on the registers schedule.",
    }),
    scheduledPull: Type.Optional(ScheduledPullSchema),
    // Travel invoices and expense claims (issue #6, travel-and-expenses/).
    defaultTravelExpenseCode: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description:
          "Travel expense code for travel and expense rows without one; must exist in Procountor's travel expense register.",
      }),
    ),
    travelTransfersEnabled: Type.Boolean({
      default: true,
      description:
        'Take travel invoices and expense claims; off refuses them (409 travel_transfers_off) and the scheduled pull skips travelStatus.',
    }),
    updatePersonsInProcountor: Type.Boolean({
      default: false,
      description:
        "Travel invoices and expense claims: add a reporter missing from Procountor's person register (name, personal identity code, IBAN) and update a changed IBAN.",
    }),
    travelStatusAfterTransfer: Type.Union(
      [Type.Literal('UNFINISHED'), Type.Literal('RECEIVED'), Type.Literal('APPROVED')],
      {
        default: 'UNFINISHED',
        description:
          'Status of travel invoices, expense claims and purchase invoices from the source in Procountor after transfer: unfinished for checking (recommended: edit and check in Procountor), sent to circulation, or approved.',
      },
    ),
  },
  { additionalProperties: false },
);

export type ConnectionSettings = Static<typeof ConnectionSettingsSchema>;

/** Setting name → its one-line description, for docs and the console. */
export const SETTING_DESCRIPTIONS: Record<keyof ConnectionSettings, string> = Object.fromEntries(
  Object.entries(ConnectionSettingsSchema.properties).map(([name, schema]) => [
    name,
    (schema as unknown as { description: string }).description,
  ]),
) as Record<keyof ConnectionSettings, string>;

/** Stored settings (possibly from an older version, possibly partial) with every default filled in. */
export function withDefaultSettings(stored: unknown): ConnectionSettings {
  const copy = structuredClone(stored && typeof stored === 'object' ? stored : {});
  return Value.Default(ConnectionSettingsSchema, copy) as ConnectionSettings;
}
