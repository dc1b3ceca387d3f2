// The step functions of a sales (or credit) invoice transfer by name, and what the timeline says when one is done.

import type { Database } from '../storage/schema';
import { type ExpenseDocumentKind, isExpenseDocumentKind } from '../travel-and-expenses/expense-document-schema';
import { expenseStepPlan, type StepPlan } from '../travel-and-expenses/expense-step-plan';
import { approveOrSend } from './steps/approve-or-send';
import { createInvoice } from './steps/create-invoice';
import { ensureDimensionItems } from './steps/ensure-dimension-items';
import { recordResult } from './steps/record-result';
import { resolveBusinessPartner } from './steps/resolve-business-partner';
import { resolveProducts } from './steps/resolve-products';
import { setDimensions } from './steps/set-dimensions';
import type { Step } from './steps/step-context';
import { uploadAttachments } from './steps/upload-attachments';
import { SALES_INVOICE_STEPS, type SalesInvoiceStep } from './transfer-states';

/** notify_source is not here: run-transfer does it in the transaction that marks the transfer succeeded. */
export const STEP_FUNCTIONS: Record<Exclude<SalesInvoiceStep, 'notify_source'>, Step> = {
  resolve_business_partner: resolveBusinessPartner,
  resolve_products: resolveProducts,
  ensure_dimension_items: ensureDimensionItems,
  create_invoice: createInvoice,
  set_dimensions: setDimensions,
  upload_attachments: uploadAttachments,
  approve_or_send: approveOrSend,
  record_result: recordResult,
};

/** Said when a step finished without anything more specific to tell. */
export const STEP_DONE_MESSAGES: Record<SalesInvoiceStep, string> = {
  resolve_business_partner: 'Customer resolved.',
  resolve_products: 'No products to look up.',
  ensure_dimension_items: 'No dimensions on the rows.',
  create_invoice: 'Invoice in Procountor.',
  set_dimensions: 'No dimensions to set.',
  upload_attachments: 'No attachments to send.',
  approve_or_send: 'Invoice left unfinished in Procountor for checking.',
  record_result: 'Result recorded.',
  notify_source: 'The source was told the transfer succeeded.',
};

/**
 * The steps a transfer of this kind walks (issue #6): sales and credit invoices the ones above; travel invoices,
 * expense claims and purchase invoices from the source their own (travel-and-expenses/expense-step-plan.ts).
 */
export function stepPlanOf(kind: string, db: Database): StepPlan {
  if (isExpenseDocumentKind(kind)) return expenseStepPlan(kind as ExpenseDocumentKind, db);
  return { steps: SALES_INVOICE_STEPS, functions: STEP_FUNCTIONS, doneMessages: STEP_DONE_MESSAGES };
}

/** Runs one step of the plan; a name without a function is a bug in the plan. */
export function runPlannedStep(plan: StepPlan, step: string, context: Parameters<Step>[0]): Promise<void> {
  const run = plan.functions[step];
  if (!run) throw new Error(`step '${step}' has no function in its step plan`);
  return run(context);
}
