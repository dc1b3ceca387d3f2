// Step 7: leaves the invoice unfinished, approves it, or approves and sends it, as the connection says.
import { rememberInvoice } from './record-result';
import type { StepContext } from './step-context';

/** Statuses from which Procountor sends a sales invoice (FACTS.md: send only from NOT_SENT or SENT). */
const APPROVED_STATUSES = new Set(['NOT_SENT', 'SENT', 'PAID', 'PARTLY_PAID', 'MARKED_PAID']);

export async function approveOrSend(context: StepContext): Promise<void> {
  const { progress } = context;
  const wanted = context.connection.settings.statusAfterTransfer;
  const invoiceId = progress.invoiceId;
  if (wanted === 'UNFINISHED' || invoiceId === undefined) return;
  // approve and send are not idempotent (the client never repeats them): act only where the status asks for it.
  // The status the create answered is trusted until an approve was attempted; from then on it is read again.
  const readStatus = async () => {
    const invoice = await context.client.invoices.get(invoiceId);
    rememberInvoice(progress, invoice);
    return invoice.status ?? 'UNFINISHED';
  };
  let status = progress.status !== undefined && !progress.approveStarted ? progress.status : await readStatus();
  if (!APPROVED_STATUSES.has(status)) {
    progress.approveStarted = true;
    await context.saveProgress();
    await context.client.invoices.approve(invoiceId, {});
    progress.approved = true;
    await context.saveProgress();
    context.note(`Invoice ${invoiceId} approved in Procountor.`);
    status = await readStatus();
  }
  if (wanted === 'SENT' && status === 'NOT_SENT') {
    await context.client.invoices.send(invoiceId);
    progress.sent = true;
    // Sending changes the status: record_result reads it.
    delete progress.status;
    context.note(`Invoice ${invoiceId} sent by Procountor.`);
  }
}
