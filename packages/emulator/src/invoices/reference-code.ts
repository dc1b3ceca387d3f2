// Payment reference codes on invoices: FI (7-3-1) and RF (ISO 11649) checks and generation, via the Finnish rules.
import {
  createReferenceNumber,
  toRfReference,
  validateIban,
  validateReferenceNumber,
  validateRfReference,
} from '@procountor-bridge/client/finnish';
import type { Invoice } from '../state/contract-types';

type ReferenceType = NonNullable<Invoice['paymentInfo']['bankReferenceCodeType']>;

/** Which reference types the emulator's Finnish companies accept (contract: a type not allowed for the country → 400). */
export const FINNISH_REFERENCE_TYPES: ReadonlySet<ReferenceType> = new Set(['FI', 'RF']);

/**
 * Checks a given reference against its type; a type missing from the request is read from the code itself
 * (an "RF" prefix means RF, otherwise FI: assumption). Null when valid.
 */
export function referenceCodeProblem(code: string, type: ReferenceType | undefined): string | null {
  const effective = type ?? (code.toUpperCase().startsWith('RF') ? 'RF' : 'FI');
  const result = effective === 'RF' ? validateRfReference(code) : validateReferenceNumber(code);
  return result.valid ? null : result.reason;
}

/**
 * The reference Procountor generates for `bankReferenceCode: ""` (contract PaymentInfo.bankReferenceCode): built from
 * the invoice number with a leading "1" so that short numbers reach the 3-digit minimum base (assumption).
 */
export function generateReferenceCode(invoiceNumber: number, type: ReferenceType | undefined): string {
  const finnish = createReferenceNumber(`1${String(invoiceNumber).padStart(3, '0')}`);
  if (!finnish.valid)
    throw new Error(`cannot build a reference from invoice number ${invoiceNumber}: ${finnish.reason}`);
  if (type !== 'RF') return finnish.value;
  const rf = toRfReference(finnish.value);
  if (!rf.valid) throw new Error(`cannot build an RF reference from ${finnish.value}: ${rf.reason}`);
  return rf.value;
}

/** Contract BankAccount.accountNumber: "must be valid for the specified country, include country code and exclude any spaces". */
export function ibanProblem(accountNumber: string): string | null {
  if (/\s/.test(accountNumber)) return 'must not contain spaces';
  const result = validateIban(accountNumber);
  return result.valid ? null : result.reason;
}
