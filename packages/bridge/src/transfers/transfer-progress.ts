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
  dimensionsSet?: boolean;
  /** Attachment index → Procountor attachment id, recorded after each upload. */
  uploadedAttachments?: Record<string, number>;
  /** Attachment index whose upload was sent; a resume looks at the invoice's attachments before sending again. */
  attachmentUploadStarted?: Record<string, boolean>;
  approved?: boolean;
  sent?: boolean;
  invoiceNumber?: number;
  referenceCode?: string;
  status?: string;
  /** A credit invoice's corrected invoice, once submitted (seed 000). */
  correctedTransferId?: string;
}

/** True once an invoice may exist in Procountor: cancelling is no longer possible, only crediting. */
export function hasReachedProcountor(progress: TransferProgress): boolean {
  return progress.invoiceCreateStarted === true || progress.invoiceId !== undefined;
}
