// An attachment's content: strict base64 that decodes, within Procountor's size limit, and bytes of the declared type.
import type { ErrorDetail } from '../errors/bridge-error';
import { MAX_ATTACHMENT_BYTES } from '../sales-invoices/field-limits';

/** Media types by file extension, for documents whose attachments name no media type. */
const MEDIA_TYPES_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  gif: 'image/gif',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  txt: 'text/plain',
};

export function mediaTypeOfFileName(fileName: string): string {
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  return MEDIA_TYPES_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

/**
 * The first bytes of each type whose content is checked: PDF "%PDF-" (ISO 32000-1 §7.5.2, the file header; readers
 * accept it within the first 1024 bytes, Adobe's implementation note 13), JPEG's start-of-image marker FF D8 followed
 * by another marker FF (ITU T.81 Annex B), GIF "GIF87a"/"GIF89a" (the GIF89a specification §17), PNG's 8-byte
 * signature (ISO 15948 §5.2). Procountor accepts PDF, JPEG and GIF on sales and travel invoices (FACTS.md).
 */
const SIGNATURES: Record<string, { name: string; matches(head: Buffer): boolean }> = {
  'application/pdf': { name: 'PDF', matches: (head) => head.subarray(0, 1024).includes('%PDF-') },
  'image/jpeg': { name: 'JPEG', matches: (head) => head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff },
  'image/gif': {
    name: 'GIF',
    matches: (head) => ['GIF87a', 'GIF89a'].includes(head.subarray(0, 6).toString('latin1')),
  },
  'image/png': {
    name: 'PNG',
    matches: (head) => head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
};

// RFC 4648 §4: the base64 alphabet, '=' padding only at the end, length a multiple of 4. Line breaks (MIME wraps at
// 76 characters, RFC 2045) are the only characters ignored.
// (A flat character class: a grouped pattern would overflow the regex stack on a 13 MB string.)
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decoded size of strict base64, or undefined when it is not base64 (Buffer.from would skip bad characters). */
export function decodedBase64Bytes(content: string): number | undefined {
  const compact = content.replace(/\r?\n/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  return (compact.length / 4) * 3 - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0);
}

/** The first `bytes` bytes of base64 content that decodedBase64Bytes accepted. */
function headOf(content: string, bytes: number): Buffer {
  const compact = content.replace(/\r?\n/g, '');
  return Buffer.from(compact.slice(0, Math.ceil(bytes / 3) * 4), 'base64');
}

/**
 * Problems with one attachment's content (at `path`, e.g. attachments[0].contentBase64): not strict base64, larger
 * than Procountor's 10,000,000 bytes (the contract), or bytes that are not of `mediaType` (PDF, JPEG, GIF, PNG).
 */
export function attachmentContentProblems(path: string, contentBase64: string, mediaType: string): ErrorDetail[] {
  const bytes = decodedBase64Bytes(contentBase64);
  if (bytes === undefined) {
    return [
      {
        path,
        rule: 'base64',
        message: 'is not base64 (RFC 4648: letters, digits, + and /, with = padding only at the end)',
      },
    ];
  }
  if (bytes > MAX_ATTACHMENT_BYTES) {
    return [
      {
        path,
        rule: 'max_attachment_bytes',
        message: `is ${bytes} bytes; at most 10,000,000 (Procountor's attachment limit, the contract)`,
      },
    ];
  }
  const signature = SIGNATURES[mediaType];
  if (signature && !signature.matches(headOf(contentBase64, 1024))) {
    return [
      {
        path,
        rule: 'attachment_content_type',
        message: `does not decode to a ${signature.name} file (its first bytes are not a ${signature.name} signature), but the attachment says ${mediaType}`,
      },
    ];
  }
  return [];
}
