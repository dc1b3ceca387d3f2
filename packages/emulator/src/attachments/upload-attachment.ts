// POST /api/attachments: multipart/form-data with a `meta` JSON part and a `file` part, at most 10,000,000 bytes.
import type { Multipart } from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { contractViolations } from '../http/contract-validator';
import { withoutIgnoredProperties } from '../http/drop-ignored-properties';
import { type ErrorEntry, ProcountorApiError } from '../http/procountor-error';
import type { Attachment } from '../state/contract-types';
import { type CompanyData, nextId } from '../state/emulator-state';
import {
  extensionOf,
  INVOICE_IMAGE_EXTENSIONS,
  MAX_ATTACHMENT_BYTES,
  mimeTypeFor,
  PLAIN_FILE_NAME,
} from './attachment-files';
import { attachmentFacts, ownerLists } from './attachment-records';

/** Contract 400 for POST /attachments: "File size too big." */
const FILE_TOO_BIG = 'File size too big.';
/** Contract Attachment.sendWithInvoice: "can be set only for receipt types: SALES_INVOICE, SALES_ORDER, PURCHASE_ORDER". */
const SEND_WITH_INVOICE_TYPES = new Set(['SALES_INVOICE', 'SALES_ORDER', 'PURCHASE_ORDER']);

/**
 * The `meta` part as clients send it: a plain form field (text), a form field typed application/json (which
 * @fastify/multipart has already parsed into an object, as the public TypeScript client generated from Procountor's
 * spec sends it), or a file part, JSON-typed or not.
 */
async function metaOf(part: Multipart): Promise<unknown> {
  if (part.type === 'file') return JSON.parse((await part.toBuffer()).toString('utf8'));
  return typeof part.value === 'string' ? JSON.parse(part.value) : part.value;
}

async function readParts(request: FastifyRequest): Promise<{ meta: unknown; file?: Buffer }> {
  if (!request.isMultipart())
    throw ProcountorApiError.badRequest(undefined, 'Content-Type must be multipart/form-data');
  let meta: unknown;
  let file: Buffer | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.fieldname === 'file' && part.type === 'file') file = await part.toBuffer();
      else if (part.fieldname === 'meta') meta = await metaOf(part);
      else if (part.type === 'file') await part.toBuffer();
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    // @fastify/multipart stops a part past its fileSize limit (FST_REQ_FILE_TOO_LARGE).
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw ProcountorApiError.badRequest('file', FILE_TOO_BIG);
    // A field typed application/json that does not parse (the library parses such fields itself).
    if (code === 'FST_INVALID_JSON_FIELD_ERROR') throw ProcountorApiError.badRequest('meta', 'must be JSON');
    if (error instanceof SyntaxError) throw ProcountorApiError.badRequest('meta', `must be JSON: ${error.message}`);
    throw error;
  }
  return file ? { meta, file } : { meta };
}

/** The problems with a meta part: schema, name, the referenced object, and the invoice-attachment rules. */
function metaProblems(company: CompanyData, meta: Attachment): ErrorEntry[] {
  const problems: ErrorEntry[] = [];
  const add = (field: string, message: string) => problems.push({ status: 400, field, message });
  const extension = extensionOf(meta.name);
  if (!extension) add('meta.name', 'must include a file extension');
  let invoiceType: string | undefined;
  if (meta.referenceType === 'INVOICE') {
    const invoice = company.invoices.get(meta.referenceId);
    if (!invoice) add('meta.referenceId', `no invoice with id ${meta.referenceId}`);
    invoiceType = invoice?.type;
  } else if (meta.referenceType === 'LEDGERRECEIPT') {
    if (!company.ledgerReceipts.has(meta.referenceId))
      add('meta.referenceId', `no ledger receipt with id ${meta.referenceId}`);
  } else if (meta.referenceType.endsWith('_BUSINESS_PARTNER_REGISTER')) {
    if (!company.businessPartners.has(meta.referenceId))
      add('meta.referenceId', `no business partner with id ${meta.referenceId}`);
  }
  if (meta.sendWithInvoice && !(invoiceType && SEND_WITH_INVOICE_TYPES.has(invoiceType))) {
    add('meta.sendWithInvoice', `can be true only for ${[...SEND_WITH_INVOICE_TYPES].join(', ')}`);
  }
  if (invoiceType === 'SALES_INVOICE' || invoiceType === 'TRAVEL_INVOICE') {
    if (extension && !INVOICE_IMAGE_EXTENSIONS.has(extension))
      add('meta.name', `a ${invoiceType} attachment must be GIF, JPEG or PDF`);
    if (!PLAIN_FILE_NAME.test(meta.name)) add('meta.name', 'must not contain special characters');
  }
  return problems;
}

export function registerUploadAttachmentRoute(app: FastifyInstance, context: EmulatorContext): void {
  app.post('/api/attachments', async (request) => {
    const company = companyOf(request, context);
    const parts = await readParts(request);
    // The meta part is a JSON body like any other: unknown and null properties are ignored (README).
    const meta = parts.meta === undefined ? undefined : withoutIgnoredProperties('Attachment', parts.meta);
    const file = parts.file;
    const problems: ErrorEntry[] =
      meta === undefined
        ? [{ status: 400, field: 'meta', message: 'must not be null' }]
        : contractViolations('Attachment', meta).map((entry) => ({
            ...entry,
            field: entry.field ? `meta.${entry.field}` : 'meta',
          }));
    if (!file) problems.push({ status: 400, field: 'file', message: 'must not be null' });
    else if (file.length > MAX_ATTACHMENT_BYTES) problems.push({ status: 400, field: 'file', message: FILE_TOO_BIG });
    if (problems.length === 0) problems.push(...metaProblems(company, meta as Attachment));
    if (problems.length > 0) throw new ProcountorApiError(400, problems);

    const given = meta as Attachment;
    const stored: Attachment = {
      id: nextId(context.state),
      name: given.name,
      referenceType: given.referenceType,
      referenceId: given.referenceId,
      mimeType: mimeTypeFor(given.name),
      sendWithInvoice: given.sendWithInvoice,
    };
    company.attachments.set(stored.id!, { meta: stored, contentBase64: file!.toString('base64') });
    attachmentFacts(company).set(stored.id!, { attached: new Date(context.now()).toISOString(), user: 'API user' });
    for (const list of ownerLists(company, stored)) list.push({ ...stored });
    context.markChanged();
    return stored;
  });
}
