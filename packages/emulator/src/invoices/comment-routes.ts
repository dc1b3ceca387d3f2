// Invoice discussion: GET/POST /api/invoices/{id}/comments, GET one, PUT read, GET taggableusers (contract).
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { contractViolations } from '../http/contract-validator';
import { ProcountorApiError } from '../http/procountor-error';
import type { Comment, Invoice } from '../state/contract-types';
import { type CompanyData, nextId } from '../state/emulator-state';
import { findInvoiceOr404 } from './invoice-records';
import { booleanParam } from './search-query';

type Params = { invoiceId: string };

/** Contract: "Supported invoice types: TRAVEL_INVOICE, BILL_OF_CHARGES and PURCHASE_INVOICE". */
const DISCUSSION_TYPES = new Set(['TRAVEL_INVOICE', 'BILL_OF_CHARGES', 'PURCHASE_INVOICE']);
/** Author shown for comments made through the API (assumption: the emulator has no user names). */
const API_AUTHOR = 'API user';

function discussedInvoice(company: CompanyData, rawId: string): Invoice {
  const invoice = findInvoiceOr404(company, rawId);
  // Contract 403: "No access rights to invoice discussion" (used for unsupported types: assumption).
  if (!DISCUSSION_TYPES.has(invoice.type)) {
    throw ProcountorApiError.single(
      403,
      `${invoice.type} has no invoice discussion; supported: ${[...DISCUSSION_TYPES].join(', ')}`,
    );
  }
  return invoice;
}

function findCommentOr404(company: CompanyData, invoice: Invoice, rawId: string): Comment {
  const comment = (company.comments.get(invoice.id!) ?? []).find((candidate) => String(candidate.id) === rawId);
  if (!comment) throw ProcountorApiError.notFound('Comment');
  return comment;
}

export function registerCommentRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.get<{ Params: Params }>('/api/invoices/:invoiceId/comments', async (request) => {
    const company = companyOf(request, context);
    const invoice = discussedInvoice(company, request.params.invoiceId);
    const comments = company.comments.get(invoice.id!) ?? [];
    // Contract readByAllTaggedUsers: when given, "Comments without tagged users aren't returned".
    const readByAll = booleanParam(request.query as Record<string, unknown>, 'readByAllTaggedUsers');
    if (readByAll === undefined) return { comments };
    return {
      comments: comments.filter(
        (comment) =>
          (comment.taggedUsersInfo?.numTaggedUsers ?? 0) > 0 &&
          comment.taggedUsersInfo?.readByAllTaggedUsers === readByAll,
      ),
    };
  });

  app.post<{ Params: Params }>('/api/invoices/:invoiceId/comments', async (request) => {
    const company = companyOf(request, context);
    const invoice = discussedInvoice(company, request.params.invoiceId);
    const problems = contractViolations('Comment', request.body ?? null);
    if (problems.length > 0) throw new ProcountorApiError(400, problems);
    const text = (request.body as Comment).comment;
    if (text.trim() === '') throw ProcountorApiError.badRequest('comment', 'must not be blank');
    const comment: Comment = {
      id: nextId(context.state),
      author: API_AUTHOR,
      dateTime: new Date(context.now()).toISOString(),
      comment: text,
      // The emulator has no taggable users, so nobody is tagged.
      taggedUsersInfo: { numTaggedUsers: 0, readByAllTaggedUsers: false },
    };
    const comments = company.comments.get(invoice.id!) ?? [];
    comments.push(comment);
    company.comments.set(invoice.id!, comments);
    context.markChanged();
    return comment;
  });

  app.get<{ Params: Params }>('/api/invoices/:invoiceId/comments/taggableusers', async (request) => {
    const company = companyOf(request, context);
    discussedInvoice(company, request.params.invoiceId);
    return { taggableUsers: [] };
  });

  app.get<{ Params: Params & { commentId: string } }>(
    '/api/invoices/:invoiceId/comments/:commentId',
    async (request) => {
      const company = companyOf(request, context);
      const invoice = discussedInvoice(company, request.params.invoiceId);
      return { ...findCommentOr404(company, invoice, request.params.commentId), taggedUsers: [] };
    },
  );

  app.put<{ Params: Params & { commentId: string } }>(
    '/api/invoices/:invoiceId/comments/:commentId/read',
    async (request) => {
      const company = companyOf(request, context);
      const invoice = discussedInvoice(company, request.params.invoiceId);
      const comment = findCommentOr404(company, invoice, request.params.commentId);
      comment.taggedUsersInfo = {
        numTaggedUsers: comment.taggedUsersInfo?.numTaggedUsers ?? 0,
        readByAllTaggedUsers: true,
      };
      context.markChanged();
      return { message: 'Comment marked as read.' };
    },
  );
}
