// File-level rules for attachments: size limit, extension → MIME type, names, and the multipart/mixed answer.
import { randomBytes } from 'node:crypto';
import type { Attachment } from '../state/contract-types';

/** Contract POST /attachments: "limited to max 10000000 bytes" (FACTS.md "Attachments"). */
export const MAX_ATTACHMENT_BYTES = 10_000_000;

/** Contract Attachment.mimeType: "Determined from the file extension". Unknown extensions → octet-stream. */
const MIME_TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  gif: 'image/gif',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  txt: 'text/plain',
  csv: 'text/csv',
  xml: 'application/xml',
  json: 'application/json',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  zip: 'application/zip',
};

/**
 * Procountor's rule for sales and travel invoice attachments (FACTS.md, as Visma Severa's help page states it): GIF,
 * JPEG or PDF, names without special characters.
 */
export const INVOICE_IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['gif', 'jpg', 'jpeg', 'pdf']);
export const PLAIN_FILE_NAME = /^[\p{L}\p{N} ._()-]+$/u;

/** The lower-case extension of a file name, or undefined when it has none ("Include a correct file extension"). */
export function extensionOf(name: string): string | undefined {
  const match = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return match ? match[1]!.toLowerCase() : undefined;
}

export function mimeTypeFor(name: string): string {
  return MIME_TYPES[extensionOf(name) ?? ''] ?? 'application/octet-stream';
}

/**
 * Contract GET /attachments/{id}: "Both attachment metadata (application/json) and the file itself will be returned.
 * Content-type for the response is multipart/mixed." Part order and headers are assumptions.
 */
export function toMultipartMixed(meta: Attachment, content: Buffer): { contentType: string; body: Buffer } {
  const boundary = `procountor-${randomBytes(12).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Type: application/json\r\nContent-Disposition: form-data; name="meta"\r\n\r\n` +
      `${JSON.stringify(meta)}\r\n--${boundary}\r\nContent-Type: ${meta.mimeType ?? 'application/octet-stream'}\r\n` +
      `Content-Disposition: form-data; name="file"; filename="${encodeURIComponent(meta.name)}"\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: Buffer.concat([head, content, tail]) };
}
