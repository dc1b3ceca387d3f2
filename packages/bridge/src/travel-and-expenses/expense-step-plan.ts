// The steps of a travel invoice, expense claim or purchase invoice transfer, run by the transfer engine (issue #6).
import type { Database } from '../storage/schema';
import { ensureDimensionItems } from '../transfers/steps/ensure-dimension-items';
import { setDimensions } from '../transfers/steps/set-dimensions';
import type { Step } from '../transfers/steps/step-context';
import type { ExpenseDocumentKind } from './expense-document-schema';
import { createExpenseInvoice } from './steps/create-expense-invoice';
import { recordExpenseResult } from './steps/record-expense-result';
import { resolveExpenseCodes } from './steps/resolve-expense-codes';
import { createResolvePerson } from './steps/resolve-person';
import { resolveSupplier } from './steps/resolve-supplier';
import { setExpenseStatus } from './steps/set-expense-status';
import { uploadExpenseAttachments } from './steps/upload-expense-attachments';

/** What the engine walks for one kind: the step names in order, each one's function, and its default timeline line. */
export interface StepPlan {
  /** notify_source last: the engine does it in the transaction that marks the transfer succeeded. */
  steps: readonly string[];
  functions: Record<string, Step>;
  doneMessages: Record<string, string>;
}

const PERSON_STEPS = ['resolve_person', 'resolve_expense_codes'] as const;
const SUPPLIER_STEPS = ['resolve_supplier'] as const;
const INVOICE_STEPS = [
  'ensure_dimension_items',
  'create_invoice',
  'set_dimensions',
  'upload_attachments',
  'set_status',
  'record_result',
  'notify_source',
] as const;

const DONE_MESSAGES: Record<string, string> = {
  resolve_person: 'Person resolved.',
  resolve_expense_codes: 'No travel expense codes to look up.',
  resolve_supplier: 'Supplier resolved.',
  ensure_dimension_items: 'No dimensions on the rows.',
  create_invoice: 'Invoice in Procountor.',
  set_dimensions: 'No dimensions to set.',
  upload_attachments: 'No attachments to send.',
  set_status: 'Status after transfer reached.',
  record_result: 'Result recorded.',
  notify_source: 'The source was told the transfer succeeded.',
};

/** The step names of a kind, in order (also the transfer response's totalSteps). */
export function expenseStepNames(kind: ExpenseDocumentKind): string[] {
  // A freelancer's (Trackifi) or the source's own bill (Taimer) names a supplier, not a person.
  return kind === 'purchase_invoice' ? [...SUPPLIER_STEPS, ...INVOICE_STEPS] : [...PERSON_STEPS, ...INVOICE_STEPS];
}

export function expenseStepPlan(kind: ExpenseDocumentKind, db: Database): StepPlan {
  // The dimension steps are the sales engine's: the rows carry `dimensions` in the same shape.
  const functions: Record<string, Step> = {
    resolve_person: createResolvePerson(db),
    resolve_expense_codes: resolveExpenseCodes,
    resolve_supplier: resolveSupplier,
    ensure_dimension_items: ensureDimensionItems,
    create_invoice: createExpenseInvoice,
    set_dimensions: setDimensions,
    upload_attachments: uploadExpenseAttachments,
    set_status: setExpenseStatus,
    record_result: recordExpenseResult,
  };
  return { steps: expenseStepNames(kind), functions, doneMessages: DONE_MESSAGES };
}
