// Step: reads the invoice's number and status once more, so the transfer and its event carry what Procountor holds.
import type { StepContext } from '../../transfers/steps/step-context';
import { expenseProgressOf } from './expense-step-context';

export async function recordExpenseResult(context: StepContext): Promise<void> {
  const progress = expenseProgressOf(context);
  if (progress.invoiceId === undefined) return;
  const invoice = await context.client.invoices.get(progress.invoiceId);
  if (invoice.invoiceNumber !== undefined) progress.invoiceNumber = invoice.invoiceNumber;
  if (invoice.status !== undefined) progress.status = invoice.status;
  context.note(`Procountor invoice number ${invoice.invoiceNumber}, status ${invoice.status}.`);
}
