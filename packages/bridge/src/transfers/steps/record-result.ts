// Step 8: reads back what Procountor assigned (invoice number, reference code, status) for the source (seed 000).
import type { StepContext } from './step-context';

export async function recordResult(context: StepContext): Promise<void> {
  const { progress } = context;
  if (progress.invoiceId === undefined) return;
  const invoice = await context.client.invoices.get(progress.invoiceId);
  if (invoice.invoiceNumber !== undefined) progress.invoiceNumber = invoice.invoiceNumber;
  if (invoice.paymentInfo?.bankReferenceCode) progress.referenceCode = invoice.paymentInfo.bankReferenceCode;
  if (invoice.status) progress.status = invoice.status;
  context.note(
    `Procountor numbered the invoice ${invoice.invoiceNumber ?? '(none)'} with reference ${progress.referenceCode ?? '(none)'}; status ${invoice.status}.`,
  );
}
