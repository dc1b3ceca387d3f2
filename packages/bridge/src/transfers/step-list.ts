// The step functions of a sales (or credit) invoice transfer by name, and what the timeline says when one is done.

import { approveOrSend } from './steps/approve-or-send';
import { createInvoice } from './steps/create-invoice';
import { ensureDimensionItems } from './steps/ensure-dimension-items';
import { recordResult } from './steps/record-result';
import { resolveBusinessPartner } from './steps/resolve-business-partner';
import { resolveProducts } from './steps/resolve-products';
import { setDimensions } from './steps/set-dimensions';
import type { Step } from './steps/step-context';
import { uploadAttachments } from './steps/upload-attachments';
import type { SalesInvoiceStep } from './transfer-states';

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
