// Step 6: uploads the document's files the connection's attachment mode allows; each upload is recorded at once.
import { OutcomeUnknownError } from '@procountor-bridge/client';
import type { ConnectionSettings } from '../../connections/connection-settings';
import type { AttachmentInput } from '../../sales-invoices/sales-invoice-schema';
import type { StepContext } from './step-context';

/**
 * The attachment modes (Visma Severa's): the invoice PDF with attachments, the breakdown (every file but the source's
 * invoice PDF), or none.
 */
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

/** One file for the Procountor invoice; `key` (its index in the document) names it in the progress. */
export interface FileToAttach {
  key: string;
  fileName: string;
  contentBase64: string;
  mimeType: string;
}

/**
 * Attaches each file to the transfer's Procountor invoice once. Each upload is recorded at once; a resume after a
 * started upload, or an upload whose answer was lost, looks at the invoice's attachments before sending it again.
 */
export async function attachFilesOnce(
  context: StepContext,
  files: readonly FileToAttach[],
  options: { sendWithInvoice: boolean },
): Promise<void> {
  const { progress } = context;
  const invoiceId = progress.invoiceId;
  if (invoiceId === undefined) return;
  for (const file of files) {
    const { key } = file;
    if (progress.uploadedAttachments?.[key] !== undefined) continue;
    const record = async (attachmentId: number, how: string) => {
      progress.uploadedAttachments = { ...progress.uploadedAttachments, [key]: attachmentId };
      context.note(`${how} ${file.fileName} to the Procountor invoice.`, { attachmentId });
      await context.saveProgress();
    };
    if (progress.attachmentUploadStarted?.[key]) {
      const found = await findUploaded(context, invoiceId, file.fileName);
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
          name: file.fileName,
          referenceType: 'INVOICE',
          referenceId: invoiceId,
          mimeType: file.mimeType,
          sendWithInvoice: options.sendWithInvoice,
        },
        file: Buffer.from(file.contentBase64, 'base64'),
      });
      await record(uploaded.id as number, 'Attached');
    } catch (error) {
      if (!(error instanceof OutcomeUnknownError)) throw error;
      const found = await findUploaded(context, invoiceId, file.fileName);
      if (found === undefined) throw error;
      await record(found, 'The answer was lost, but Procountor had attached');
    }
  }
}

export async function uploadAttachments(context: StepContext): Promise<void> {
  const toSend = attachmentsToSend(context.invoice.attachments ?? [], context.connection.settings.attachmentMode);
  const files = toSend.map(([index, attachment]) => ({
    key: String(index),
    fileName: attachment.fileName,
    contentBase64: attachment.contentBase64,
    mimeType: attachment.mediaType,
  }));
  await attachFilesOnce(context, files, { sendWithInvoice: true });
}
