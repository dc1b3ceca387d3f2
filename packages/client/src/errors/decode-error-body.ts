// Reads Procountor's error bodies: `{errors:[{status, field, message}]}`, the older `constraintViolations`, or non-JSON.

/** One problem Procountor reported; `code` is set when the message is a validation code such as ERROR_BRN_CODE. */
export interface ProcountorErrorEntry {
  status?: number;
  field?: string;
  message: string;
  code?: string;
}

/** Validation codes are UPPER_SNAKE words (FACTS.md "Errors"); "Unauthorized" is the 401 body's message. */
const CODE_PATTERN = /^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|Unauthorized)$/;

function asCode(text: string | undefined): string | undefined {
  return text !== undefined && CODE_PATTERN.test(text.trim()) ? text.trim() : undefined;
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function fromCurrentEntry(raw: unknown): ProcountorErrorEntry | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const item = raw as Record<string, unknown>;
  const message = stringField(item.message) ?? '';
  const entry: ProcountorErrorEntry = { message };
  if (typeof item.status === 'number') entry.status = item.status;
  const field = stringField(item.field);
  if (field !== undefined) entry.field = field;
  const code = asCode(message);
  if (code !== undefined) entry.code = code;
  return entry;
}

/** Older responses: `constraintViolations[].errorCode` (FACTS.md "Errors"), the field under `field` or `propertyPath`. */
function fromConstraintViolation(raw: unknown): ProcountorErrorEntry | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const item = raw as Record<string, unknown>;
  const errorCode = stringField(item.errorCode);
  const message = stringField(item.message) ?? errorCode ?? '';
  const entry: ProcountorErrorEntry = { message };
  const field = stringField(item.field) ?? stringField(item.propertyPath);
  if (field !== undefined) entry.field = field;
  const code = errorCode ?? asCode(message);
  if (code !== undefined) entry.code = code;
  return entry;
}

/** The entries of an error body; an empty list when the body is not JSON (e.g. a proxy's HTML 500) or has neither shape. */
export function decodeErrorBody(text: string): ProcountorErrorEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null) return [];
  const body = parsed as Record<string, unknown>;
  const entries: ProcountorErrorEntry[] = [];
  if (Array.isArray(body.errors)) {
    for (const raw of body.errors) {
      const entry = fromCurrentEntry(raw);
      if (entry !== undefined) entries.push(entry);
    }
  }
  if (Array.isArray(body.constraintViolations)) {
    for (const raw of body.constraintViolations) {
      const entry = fromConstraintViolation(raw);
      if (entry !== undefined) entries.push(entry);
    }
  }
  // OAuth-style token errors: {"error":"invalid_client","error_description":"..."}.
  if (entries.length === 0 && typeof body.error === 'string') {
    entries.push({ message: stringField(body.error_description) ?? body.error, code: body.error });
  }
  return entries;
}
