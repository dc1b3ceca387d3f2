// Finds the project number and personal identity code on a received bill, for routing in the source (as Taimer's
// integration routes bills).
import type { ProcountorInvoice } from '@procountor-bridge/client';
import { validatePersonalIdentityCode } from '@procountor-bridge/client/finnish';

export interface RoutingHints {
  /** A project code the bill names, or null. */
  projectNumber: string | null;
  /** Where it was found: "ledgerReceipt.dimensions" or an invoice field name. */
  projectNumberFoundIn: string | null;
  /** A valid Finnish personal identity code (HETU) on the bill, or null. */
  personalIdentityCode: string | null;
  personalIdentityCodeFoundIn: string | null;
}

// HETU shape (DDMMYY, century sign, three digits, check character); the check character is verified after matching.
const HETU_CANDIDATE = /\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b/gi;

/** The bill's free-text fields a buyer's reference can be in, in the order they are searched. */
function textFields(invoice: ProcountorInvoice): Array<[string, string]> {
  const fields: Array<[string, string | undefined]> = [
    ['buyerReferenceIdentifier', invoice.buyerReferenceIdentifier],
    ['orderReference', invoice.orderReference],
    ['accountingCode', invoice.accountingCode],
    ['additionalInformation', invoice.additionalInformation],
    ['notes', invoice.notes],
    ...(invoice.invoiceRows ?? []).map(
      (row, index) => [`invoiceRows[${index}].comment`, row.comment] as [string, string | undefined],
    ),
  ];
  return fields.filter((field): field is [string, string] => typeof field[1] === 'string' && field[1] !== '');
}

function tokensOf(text: string): string[] {
  return text.split(/[\s,;:/()]+/).filter(Boolean);
}

/**
 * Where each hint comes from (docs/purchase-invoices.md "Bills"):
 * - project: a project dimension item already on the bill's ledger receipt; else the first word of a text field that
 *   is a known project code (an item of the project dimension), searched in textFields' order;
 * - personal identity code: the first HETU with a valid check character in those text fields.
 */
export function findRoutingHints(
  invoice: ProcountorInvoice,
  projectCodesOnReceipt: readonly string[],
  knownProjectCodes: ReadonlySet<string>,
): RoutingHints {
  const hints: RoutingHints = {
    projectNumber: null,
    projectNumberFoundIn: null,
    personalIdentityCode: null,
    personalIdentityCodeFoundIn: null,
  };
  if (projectCodesOnReceipt.length > 0) {
    hints.projectNumber = projectCodesOnReceipt[0] ?? null;
    hints.projectNumberFoundIn = 'ledgerReceipt.dimensions';
  }
  for (const [field, text] of textFields(invoice)) {
    if (hints.projectNumber === null) {
      const code = tokensOf(text).find((token) => knownProjectCodes.has(token));
      if (code) {
        hints.projectNumber = code;
        hints.projectNumberFoundIn = field;
      }
    }
    if (hints.personalIdentityCode === null) {
      const code = (text.match(HETU_CANDIDATE) ?? []).find(
        (candidate) => validatePersonalIdentityCode(candidate).valid,
      );
      if (code) {
        hints.personalIdentityCode = code.toUpperCase();
        hints.personalIdentityCodeFoundIn = field;
      }
    }
  }
  return hints;
}
