// Refuses a request body that breaks the contract schema, with every field problem listed (400, Procountor's shape).
import { contractViolations } from './contract-validator';
import { type ErrorEntry, ProcountorApiError } from './procountor-error';

/** Throws 400 listing the schema violations plus any domain-rule problems found by the caller. */
export function requireValidBody(schemaName: string, body: unknown, extraProblems: ErrorEntry[] = []): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw ProcountorApiError.badRequest(undefined, `the request body must be a JSON object (${schemaName})`);
  }
  const problems = [...contractViolations(schemaName, body), ...extraProblems];
  if (problems.length > 0) throw new ProcountorApiError(400, problems);
}

/** A field problem entry (status 400). */
export function fieldProblem(field: string, message: string): ErrorEntry {
  return { status: 400, field, message };
}
