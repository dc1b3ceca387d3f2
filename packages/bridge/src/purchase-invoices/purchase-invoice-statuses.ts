// Procountor purchase invoice statuses (contract Invoice.status) grouped by what they mean to the bridge.

/**
 * Approved, in payment or paid: what the import takes by default (Visma Severa's list), and where approving again is a
 * no-op.
 */
export const APPROVED_OR_LATER_STATUSES = [
  'APPROVED',
  'PAYMENT_QUEUED',
  'PAYMENT_SENT_TO_BANK',
  'PARTLY_PAID',
  'PAID',
  'MARKED_PAID',
] as const;
