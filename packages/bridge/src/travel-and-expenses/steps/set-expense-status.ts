// Step: brings the invoice to the status after transfer: UNFINISHED (left as is), RECEIVED or APPROVED.
import type { StepContext } from '../../transfers/steps/step-context';
import { expenseDocumentOf, expenseProgressOf } from './expense-step-context';

const ORDER = ['UNFINISHED', 'RECEIVED', 'VERIFIED', 'APPROVED'];
const reached = (status: string | undefined, target: string) =>
  status !== undefined && ORDER.indexOf(status) >= ORDER.indexOf(target) && ORDER.includes(status);

/**
 * The document's statusAfterTransfer, else the connection's travelStatusAfterTransfer. Procountor's actions are not
 * repeated blindly (client invoices.ts): once one was tried, a resume reads the status before acting again.
 */
export async function setExpenseStatus(context: StepContext): Promise<void> {
  const progress = expenseProgressOf(context);
  const invoiceId = progress.invoiceId;
  if (invoiceId === undefined) return;
  const target =
    expenseDocumentOf(context).statusAfterTransfer ?? context.connection.settings.travelStatusAfterTransfer;
  if (target === 'UNFINISHED') {
    context.note('Left unfinished in Procountor for checking.');
    return;
  }
  let status = progress.status;
  if (progress.statusActionStarted || status === undefined)
    status = (await context.client.invoices.get(invoiceId)).status;
  if (reached(status, target)) return;
  progress.statusActionStarted = true;
  await context.saveProgress();
  // Circulation first (UNFINISHED → RECEIVED), then approval; Procountor approves from UNFINISHED too (emulator rules).
  if (target === 'RECEIVED') await context.client.invoices.sendToCirculation(invoiceId);
  else await context.client.invoices.approve(invoiceId, {});
  progress.status = (await context.client.invoices.get(invoiceId)).status;
  context.note(target === 'RECEIVED' ? 'Sent to circulation in Procountor.' : 'Approved in Procountor.', {
    status: progress.status,
  });
}
