// Dry run: everything a transfer does except writing to Procountor — validation, the person, the travel expense codes.
import type { StepContext } from '../transfers/steps/step-context';
import type { TransferDeps } from '../transfers/transfer-deps';
import { TransferRuleError } from '../transfers/transfer-errors';
import type { TransferRow } from '../transfers/transfer-repository';
import type { ExpenseDocumentInput, ExpenseDocumentKind } from './expense-document-schema';
import { expenseMappingOf } from './steps/create-expense-invoice';
import type { ExpenseProgress } from './steps/expense-step-context';
import { resolveExpenseCodes } from './steps/resolve-expense-codes';
import { createResolvePerson } from './steps/resolve-person';
import { resolveSupplier } from './steps/resolve-supplier';
import { toProcountorExpenseInvoice } from './to-procountor-expense-invoice';
import { normalizedExpenseDocument, validateExpenseDocument } from './validate-expense-document';

export async function dryRunExpenseDocument(
  deps: TransferDeps,
  connectionId: string,
  kind: ExpenseDocumentKind,
  input: ExpenseDocumentInput,
) {
  const connection = await deps.connections.requireActive(connectionId);
  // The same rules as the submit (validate-expense-document.ts): the same findings with the same codes.
  const problems = validateExpenseDocument(kind, input);
  if (problems.length > 0) return { valid: false, problems, notes: [] as string[] };
  const document = normalizedExpenseDocument(input);
  const progress: ExpenseProgress = {};
  const notes: string[] = [];
  const context = {
    transfer: { kind, payload: document } as unknown as TransferRow,
    invoice: document as never,
    connection,
    client: await deps.connections.procountorClient(connection),
    progress,
    log: deps.logger,
    note: (message: string) => notes.push(message),
    saveProgress: async () => {},
    invoiceIdsOfOtherTransfers: async () => new Set<number>(),
  } as unknown as StepContext;
  try {
    await createResolvePerson(deps.db, { readOnly: true })(context);
    await resolveExpenseCodes(context);
    if (kind === 'purchase_invoice') await resolveSupplier(context);
  } catch (error) {
    if (!(error instanceof TransferRuleError)) throw error;
    return {
      valid: false,
      problems: [{ path: '(procountor)', rule: error.code, message: `${error.message} ${error.fix}` }],
      notes,
    };
  }
  return {
    valid: true,
    problems: [],
    notes,
    ...(progress.personId !== undefined ? { personId: progress.personId } : {}),
    procountorInvoice: toProcountorExpenseInvoice(
      kind,
      document,
      expenseMappingOf(kind, document, progress, connection),
    ),
  };
}
