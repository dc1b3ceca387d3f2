// Step: attaches the document's files (a travel invoice: the invoice and its receipts as one file, seed 002).
import { OutcomeUnknownError } from '@procountor-bridge/client';
import type { StepContext } from '../../transfers/steps/step-context';
import { expenseDocumentOf, expenseProgressOf } from './expense-step-context';

const MEDIA_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  gif: 'image/gif',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  txt: 'text/plain',
};

async function findAttached(context: StepContext, invoiceId: number, fileName: string) {
  const invoice = await context.client.invoices.get(invoiceId);
  return invoice.attachments?.find((attachment) => attachment.name === fileName)?.id;
}

/** Each upload is recorded at once; a resume looks at the invoice's attachments before sending one again. */
export async function uploadExpenseAttachments(context: StepContext): Promise<void> {
  const progress = expenseProgressOf(context);
  const invoiceId = progress.invoiceId;
  if (invoiceId === undefined) return;
  for (const [index, attachment] of (expenseDocumentOf(context).attachments ?? []).entries()) {
    const key = String(index);
    if (progress.uploadedAttachments?.[key] !== undefined) continue;
    const record = async (attachmentId: number, how: string) => {
      progress.uploadedAttachments = { ...progress.uploadedAttachments, [key]: attachmentId };
      context.note(`${how} ${attachment.fileName} to the Procountor invoice.`, { attachmentId });
      await context.saveProgress();
    };
    if (progress.attachmentUploadStarted?.[key]) {
      const found = await findAttached(context, invoiceId, attachment.fileName);
      if (found !== undefined) {
        await record(found, 'An earlier attempt had attached');
        continue;
      }
    }
    progress.attachmentUploadStarted = { ...progress.attachmentUploadStarted, [key]: true };
    await context.saveProgress();
    const extension = attachment.fileName.split('.').pop()?.toLowerCase() ?? '';
    try {
      const uploaded = await context.client.attachments.upload({
        meta: {
          name: attachment.fileName,
          referenceType: 'INVOICE',
          referenceId: invoiceId,
          mimeType: attachment.mediaType ?? MEDIA_TYPES[extension] ?? 'application/octet-stream',
          // Nothing is sent to anyone: these invoices are paid, not sent (contract: sendWithInvoice for sales types).
          sendWithInvoice: false,
        },
        file: Buffer.from(attachment.contentBase64, 'base64'),
      });
      await record(uploaded.id as number, 'Attached');
    } catch (error) {
      if (!(error instanceof OutcomeUnknownError)) throw error;
      const found = await findAttached(context, invoiceId, attachment.fileName);
      if (found === undefined) throw error;
      await record(found, 'The answer was lost, but Procountor had attached');
    }
  }
}
