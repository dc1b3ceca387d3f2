// For tests: a multipart/form-data body written part by part, so a part can be shaped exactly as a given client
// sends it (a form field with its own Content-Type and no filename, which FormData cannot express).
import { randomUUID } from 'node:crypto';

export interface MultipartPart {
  name: string;
  /** Content-Type of the part; left out, the part is a plain text field. */
  contentType?: string;
  /** With a filename the part is a file part; without one it is a form field. */
  filename?: string;
  content: string | Uint8Array;
}

export function multipartBody(parts: MultipartPart[]): { contentType: string; body: Blob } {
  const boundary = `----emulator-test-${randomUUID()}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = `form-data; name="${part.name}"${part.filename !== undefined ? `; filename="${part.filename}"` : ''}`;
    const headers = [`Content-Disposition: ${disposition}`];
    if (part.contentType) headers.push(`Content-Type: ${part.contentType}`);
    chunks.push(Buffer.from(`--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n`));
    chunks.push(Buffer.from(part.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: new Blob(chunks as BlobPart[]) };
}
