// What the travel/expense/purchase steps read beyond the engine's StepContext: their document, kind and progress.
import type { StepContext } from '../../transfers/steps/step-context';
import type { TransferProgress } from '../../transfers/transfer-progress';
import type { ExpenseDocumentInput, ExpenseDocumentKind } from '../expense-document-schema';

/** Progress of these kinds: the engine's, plus the person and the travel expense products found. */
export interface ExpenseProgress extends TransferProgress {
  personId?: number;
  /** The person's account in Procountor, used when the document names none. */
  personIban?: string;
  expenseProducts?: Record<string, { id: number; code: string }>;
  /** resolve_supplier ran (a purchase invoice's supplier, linked by partnerId when Procountor has exactly one). */
  supplierResolved?: boolean;
  /** The status after transfer was reached (or tried: a resume reads the status first). */
  statusActionStarted?: boolean;
}

export function expenseDocumentOf(context: StepContext): ExpenseDocumentInput {
  return context.transfer.payload as unknown as ExpenseDocumentInput;
}

export function expenseKindOf(context: StepContext): ExpenseDocumentKind {
  return context.transfer.kind as ExpenseDocumentKind;
}

export function expenseProgressOf(context: StepContext): ExpenseProgress {
  return context.progress as ExpenseProgress;
}
