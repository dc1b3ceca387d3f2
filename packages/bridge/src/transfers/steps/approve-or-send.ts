// Step 7: leaves the invoice unfinished, approves it, or approves and sends it, as the connection says.
import type { StepContext } from './step-context';

/** Statuses from which Procountor sends a sales invoice (FACTS.md: send only from NOT_SENT or SENT). */
const APPROVED_STATUSES = new Set(['NOT_SENT', 'SENT', 'PAID', 'PARTLY_PAID', 'MARKED_PAID']);

export async function approveOrSend(context: StepContext): Promise<void> {
  const { progress } = context;
  const wanted = context.connection.settings.statusAfterTransfer;
  const invoiceId = progress.invoiceId;
  if (wanted === 'UNFINISHED' || invoiceId === undefined) return;
  // approve and send are not idempotent (the client never repeats them): read the status, act only where needed.
  let status = (await context.client.invoices.get(invoiceId)).status ?? 'UNFINISHED';
  if (!APPROVED_STATUSES.has(status)) {
    await context.client.invoices.approve(invoiceId, {});
    progress.approved = true;
    await context.saveProgress();
    context.note(`Invoice ${invoiceId} approved in Procountor.`);
    status = (await context.client.invoices.get(invoiceId)).status ?? status;
  }
  if (wanted === 'SENT' && status === 'NOT_SENT') {
    await context.client.invoices.send(invoiceId);
    progress.sent = true;
    context.note(`Invoice ${invoiceId} sent by Procountor.`);
  }
}
