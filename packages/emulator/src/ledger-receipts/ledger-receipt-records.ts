// Creation times of ledger receipts (LedgerReceiptBasicInfo.created), kept beside CompanyData like invoice records.
import type { CompanyData } from '../state/emulator-state';

const createdByCompany = new WeakMap<CompanyData, Map<number, string>>();

function createdMap(company: CompanyData): Map<number, string> {
  let created = createdByCompany.get(company);
  if (!created) {
    created = new Map();
    createdByCompany.set(company, created);
  }
  return created;
}

export function recordReceiptCreated(company: CompanyData, receiptId: number, created: string): void {
  createdMap(company).set(receiptId, created);
}

/** Falls back to the version when the receipt came from a --state snapshot (created is not persisted). */
export function receiptCreatedOf(
  company: CompanyData,
  receiptId: number,
  version: string | undefined,
): string | undefined {
  return createdMap(company).get(receiptId) ?? version;
}
