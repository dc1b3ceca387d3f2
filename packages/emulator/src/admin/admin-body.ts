// Reads admin request bodies: optional string and number fields, with errors that say what to send instead.
import { ProcountorApiError } from '../http/procountor-error';

export type AdminBody = Record<string, unknown>;

export function adminBody(body: unknown): AdminBody {
  if (body === undefined || body === null || body === '') return {};
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw ProcountorApiError.badRequest(undefined, 'send a JSON object (Content-Type: application/json)');
  }
  return body as AdminBody;
}

export function optionalString(body: AdminBody, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '')
    throw ProcountorApiError.badRequest(field, 'must be a non-empty string or left out');
  return value;
}
