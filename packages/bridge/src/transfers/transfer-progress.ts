// What the steps of a transfer learnt, persisted after each step so a resume skips work already done.

export interface DimensionProgress {
  dimensionId: number;
  /** Dimension item id by the source's code (project, cost centre, business unit code). */
  itemIds: Record<string, number>;
}

export interface TransferProgress {
  partnerId?: number;
  partnerRule?: string;
  /** Set before POST /businesspartners: a resume searches again before creating (no duplicate customers, FACTS.md). */
  partnerCreateStarted?: boolean;
  /** Procountor product by the row's code: the id, and the code actually used (the default code when substituted). */
  products?: Record<string, { id: number; code: string }>;
  dimensions?: Partial<Record<'project' | 'costCenter' | 'businessUnit', DimensionProgress>>;
  /**
   * Set and committed before POST /invoices. From then on every attempt looks the invoice up by
   * originalInvoiceNumber before creating (DESIGN.md: never a duplicate), and the transfer can no longer be cancelled.
   */
  invoiceCreateStarted?: boolean;
  invoiceId?: number;
  /** The invoice's ledger receipt, from the create answer: set_dimensions reads it without a GET of the invoice. */
  ledgerReceiptId?: number;
  /** The invoice's version (optimistic locking), from the last answer that carried the invoice. */
  invoiceVersion?: string;
  dimensionsSet?: boolean;
  /** Attachment index → Procountor attachment id, recorded after each upload. */
  uploadedAttachments?: Record<string, number>;
  /** Attachment index whose upload was sent; a resume looks at the invoice's attachments before sending again. */
  attachmentUploadStarted?: Record<string, boolean>;
  /** Set before POST /invoices/{id}/approve: a resume reads the status again instead of trusting `status`. */
  approveStarted?: boolean;
  approved?: boolean;
  sent?: boolean;
  invoiceNumber?: number;
  referenceCode?: string;
  /** Procountor's status as last seen; unset when an action (send) changed it and record_result must read it. */
  status?: string;
  /** A credit invoice's corrected invoice, once submitted. */
  correctedTransferId?: string;
}

/** True once an invoice may exist in Procountor: cancelling is no longer possible, only crediting. */
export function hasReachedProcountor(progress: TransferProgress): boolean {
  return progress.invoiceCreateStarted === true || progress.invoiceId !== undefined;
}
