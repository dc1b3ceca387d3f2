// /attachments: upload (see upload-attachment.ts), search, download as multipart/mixed, delete and rename.
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { contractViolations } from '../http/contract-validator';
import { pageOf, parsePageRequest } from '../http/paging';
import { ProcountorApiError } from '../http/procountor-error';
import type { CompanyData, StoredAttachment } from '../state/emulator-state';
import { extensionOf, mimeTypeFor, toMultipartMixed } from './attachment-files';
import { attachmentFacts, ownerLists } from './attachment-records';
import { searchAttachments } from './search-attachments';
import { registerUploadAttachmentRoute } from './upload-attachment';

type Params = { attachmentId: string };

function findOr404(company: CompanyData, rawId: string): StoredAttachment {
  const stored = /^\d+$/.test(rawId) ? company.attachments.get(Number(rawId)) : undefined;
  if (!stored) throw ProcountorApiError.notFound('Attachment');
  return stored;
}

export function registerAttachmentRoutes(app: FastifyInstance, context: EmulatorContext): void {
  registerUploadAttachmentRoute(app, context);

  app.get('/api/attachments', async (request) => {
    const company = companyOf(request, context);
    const query = request.query as Record<string, unknown>;
    return pageOf(searchAttachments(company, query), parsePageRequest(query));
  });

  app.get<{ Params: Params }>('/api/attachments/:attachmentId', async (request, reply) => {
    const company = companyOf(request, context);
    const stored = findOr404(company, request.params.attachmentId);
    const { contentType, body } = toMultipartMixed(stored.meta, Buffer.from(stored.contentBase64, 'base64'));
    return reply.header('content-type', contentType).send(body);
  });

  app.delete<{ Params: Params }>('/api/attachments/:attachmentId', async (request, reply) => {
    const company = companyOf(request, context);
    const stored = findOr404(company, request.params.attachmentId);
    for (const list of ownerLists(company, stored.meta)) {
      const index = list.findIndex((entry) => entry.id === stored.meta.id);
      if (index >= 0) list.splice(index, 1);
    }
    company.attachments.delete(stored.meta.id!);
    attachmentFacts(company).delete(stored.meta.id!);
    context.markChanged();
    return reply.status(204).send();
  });

  // Contract PATCH: "The file extension can't be changed. Other properties than the filename can't be changed."
  app.patch<{ Params: Params }>('/api/attachments/:attachmentId', async (request) => {
    const company = companyOf(request, context);
    const stored = findOr404(company, request.params.attachmentId);
    const problems = contractViolations('AttachmentRename', request.body ?? null);
    if (problems.length > 0) throw new ProcountorApiError(400, problems);
    const name = (request.body as { name: string }).name;
    if (name.trim() === '' || extensionOf(name) !== extensionOf(stored.meta.name)) {
      throw ProcountorApiError.badRequest(
        'name',
        `the file extension must stay .${extensionOf(stored.meta.name) ?? ''}`,
      );
    }
    stored.meta.name = name;
    stored.meta.mimeType = mimeTypeFor(name);
    for (const list of ownerLists(company, stored.meta)) {
      for (const entry of list) if (entry.id === stored.meta.id) entry.name = name;
    }
    context.markChanged();
    return stored.meta;
  });
}
