// Step 6: uploads the document's files the connection's attachment mode allows; each upload is recorded at once.
import { OutcomeUnknownError } from '@procountor-bridge/client';
import type { ConnectionSettings } from '../../connections/connection-settings';
import type { AttachmentInput } from '../../sales-invoices/sales-invoice-schema';
import type { StepContext } from './step-context';

/** Seed 002: the invoice PDF with attachments, the breakdown (every file but the source's invoice PDF), or none. */
export function attachmentsToSend(
  attachments: readonly AttachmentInput[],
  mode: ConnectionSettings['attachmentMode'],
): [number, AttachmentInput][] {
  if (mode === 'none') return [];
  return [...attachments.entries()].filter(
    ([, attachment]) => mode === 'invoice_pdf_with_attachments' || attachment.kind !== 'invoice-pdf',
  );
}

async function findUploaded(context: StepContext, invoiceId: number, fileName: string) {
  const invoice = await context.client.invoices.get(invoiceId);
  return invoice.attachments?.find((attachment) => attachment.name === fileName)?.id;
}

export async function uploadAttachments(context: StepContext): Promise<void> {
  const { progress } = context;
  const invoiceId = progress.invoiceId;
  if (invoiceId === undefined) return;
  const toSend = attachmentsToSend(context.invoice.attachments ?? [], context.connection.settings.attachmentMode);
  for (const [index, attachment] of toSend) {
    const key = String(index);
    if (progress.uploadedAttachments?.[key] !== undefined) continue;
    const record = async (attachmentId: number, how: string) => {
      progress.uploadedAttachments = { ...progress.uploadedAttachments, [key]: attachmentId };
      context.note(`${how} ${attachment.fileName} to the Procountor invoice.`, { attachmentId });
      await context.saveProgress();
    };
    if (progress.attachmentUploadStarted?.[key]) {
      const found = await findUploaded(context, invoiceId, attachment.fileName);
      if (found !== undefined) {
        await record(found, 'An earlier attempt had attached');
        continue;
      }
    }
    progress.attachmentUploadStarted = { ...progress.attachmentUploadStarted, [key]: true };
    await context.saveProgress();
    try {
      const uploaded = await context.client.attachments.upload({
        meta: {
          name: attachment.fileName,
          referenceType: 'INVOICE',
          referenceId: invoiceId,
          mimeType: attachment.mediaType,
          sendWithInvoice: true,
        },
        file: Buffer.from(attachment.contentBase64, 'base64'),
      });
      await record(uploaded.id as number, 'Attached');
    } catch (error) {
      if (!(error instanceof OutcomeUnknownError)) throw error;
      const found = await findUploaded(context, invoiceId, attachment.fileName);
      if (found === undefined) throw error;
      await record(found, 'The answer was lost, but Procountor had attached');
    }
  }
}
