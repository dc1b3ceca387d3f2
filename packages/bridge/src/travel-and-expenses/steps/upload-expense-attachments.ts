// Step: attaches the document's files (a travel invoice: the invoice and its receipts as one file).
import { mediaTypeOfFileName } from '../../document-rules/attachment-content';
import type { StepContext } from '../../transfers/steps/step-context';
import { attachFilesOnce } from '../../transfers/steps/upload-attachments';
import { expenseDocumentOf } from './expense-step-context';

/** Each upload is recorded at once; a resume looks at the invoice's attachments before sending one again. */
export async function uploadExpenseAttachments(context: StepContext): Promise<void> {
  const files = (expenseDocumentOf(context).attachments ?? []).map((attachment, index) => ({
    key: String(index),
    fileName: attachment.fileName,
    contentBase64: attachment.contentBase64,
    mimeType: attachment.mediaType ?? mediaTypeOfFileName(attachment.fileName),
  }));
  // Nothing is sent to anyone: these invoices are paid, not sent (contract: sendWithInvoice for sales types).
  await attachFilesOnce(context, files, { sendWithInvoice: false });
}
