// Attachments: upload (multipart meta + file, ≤ 10,000,000 bytes, checked first), download (multipart/mixed), search.
import type {
  ProcountorAttachment,
  ProcountorAttachmentSearchFilters,
  ProcountorAttachmentSearchResult,
} from '../contract-types';
import { AttachmentTooLargeError } from '../errors/request-errors';
import { iterateByPreviousId } from '../paging/iterate-by-previous-id';
import { iteratePages } from '../paging/iterate-pages';
import { parseJsonBody } from '../transport/http-transport';
import type { CallOptions } from '../typed-request';
import { multipartBoundary, parseMultipart } from './multipart-mixed';
import { ProcountorResource, withCall } from './resource';

/** Contract, POST /attachments: "limited to max 10000000 bytes". */
export const MAX_ATTACHMENT_BYTES = 10_000_000;

export interface AttachmentUpload {
  /** `name` with its extension, `referenceType` (e.g. INVOICE), `referenceId`, `mimeType`, `sendWithInvoice`. */
  meta: ProcountorAttachment;
  /** The file's bytes. Procountor accepts sales and travel invoice attachments as GIF, JPEG or PDF (FACTS.md). */
  file: Uint8Array | Blob;
}

export interface DownloadedAttachment {
  meta: ProcountorAttachment;
  /** The file part's Content-Type, e.g. application/pdf. */
  contentType: string | undefined;
  bytes: Uint8Array;
}

/** One row of an attachment search (its id is `attachmentId`). */
export type AttachmentSearchRow = NonNullable<ProcountorAttachmentSearchResult['results']>[number];

export type AttachmentIterateFilters = Omit<ProcountorAttachmentSearchFilters, 'page' | 'size' | 'previousId'>;

export class Attachments extends ProcountorResource {
  /**
   * Uploads a file (POST /attachments, multipart/form-data: part `meta` as JSON, part `file`). Throws
   * AttachmentTooLargeError before any request when the file exceeds 10,000,000 bytes. Not retried after it was
   * sent: on OutcomeUnknownError, search attachments by referenceId and name first.
   */
  async upload(upload: AttachmentUpload, options?: CallOptions): Promise<ProcountorAttachment> {
    const sizeBytes = upload.file instanceof Blob ? upload.file.size : upload.file.byteLength;
    if (sizeBytes > MAX_ATTACHMENT_BYTES) {
      throw new AttachmentTooLargeError({ fileName: upload.meta.name, sizeBytes, maxBytes: MAX_ATTACHMENT_BYTES });
    }
    const mimeType = upload.meta.mimeType ?? 'application/octet-stream';
    const file =
      upload.file instanceof Blob
        ? upload.file
        : new Blob([upload.file as Uint8Array<ArrayBuffer>], { type: mimeType });
    const form = new FormData();
    form.append('meta', new Blob([JSON.stringify(upload.meta)], { type: 'application/json' }), 'meta.json');
    form.append('file', file, upload.meta.name ?? 'attachment');
    const response = await this.transport.send({
      method: 'post',
      path: '/attachments',
      body: { type: 'multipart', value: form },
      ...withCall(options),
    });
    return parseJsonBody<ProcountorAttachment>(response);
  }

  /** Downloads an attachment: GET /attachments/{id} answers multipart/mixed, parsed into metadata and bytes. */
  async download(attachmentId: number, options?: CallOptions): Promise<DownloadedAttachment> {
    const response = await this.transport.send({
      method: 'get',
      path: `/attachments/${encodeURIComponent(attachmentId)}`,
      accept: 'multipart/mixed, application/json',
      ...withCall(options),
    });
    const contentType = response.headers.get('content-type');
    const boundary = multipartBoundary(contentType);
    if (boundary === undefined) {
      throw new Error(
        `GET /attachments/${attachmentId} answered ${contentType ?? 'no Content-Type'}, not multipart/mixed`,
      );
    }
    const parts = parseMultipart(response.bytes, boundary);
    const metaPart = parts.find((part) => /json/i.test(part.headers['content-type'] ?? ''));
    const filePart = parts.find((part) => part !== metaPart);
    if (metaPart === undefined || filePart === undefined) {
      throw new Error(
        `GET /attachments/${attachmentId} answered ${parts.length} parts; expected JSON metadata and a file`,
      );
    }
    return {
      meta: JSON.parse(new TextDecoder().decode(metaPart.body)) as ProcountorAttachment,
      contentType: filePart.headers['content-type'],
      bytes: filePart.body,
    };
  }

  /** One page of GET /attachments (needs document management active in the environment). */
  search(
    filters: ProcountorAttachmentSearchFilters = {},
    options?: CallOptions,
  ): Promise<ProcountorAttachmentSearchResult> {
    return this.client.request('get', '/attachments', { query: filters, ...options });
  }

  iterate(filters: AttachmentIterateFilters = {}, options?: CallOptions & { size?: number }) {
    const { size, ...call } = options ?? {};
    return iteratePages<AttachmentSearchRow>(
      (cursor) => this.search({ ...filters, page: cursor.page, size: cursor.size }, call),
      size === undefined ? {} : { size },
    );
  }

  iterateByPreviousId(filters: AttachmentIterateFilters = {}, options?: CallOptions & { size?: number }) {
    const { size, ...call } = options ?? {};
    return iterateByPreviousId<AttachmentSearchRow>(
      (cursor) => this.search({ orderById: 'ASC', ...filters, previousId: cursor.previousId, size: cursor.size }, call),
      { idOf: (row) => row.attachmentId, ...(size === undefined ? {} : { size }) },
    );
  }

  delete(attachmentId: number, options?: CallOptions) {
    return this.client.request('delete', '/attachments/{attachmentId}', { path: { attachmentId }, ...options });
  }

  /** Renames an attachment (PATCH). Not retried after it was sent. */
  rename(attachmentId: number, name: string, options?: CallOptions) {
    return this.client.request('patch', '/attachments/{attachmentId}', {
      path: { attachmentId },
      body: { name },
      ...options,
    });
  }
}
