// What a conformance scenario step is, and the small helpers the steps share.
import type { TestSession } from '../helpers/test-session';

export interface ScenarioContext {
  session: TestSession;
  /** Ids found by earlier steps, for later ones. */
  ids: Record<string, number | string>;
}

export interface ScenarioStep {
  name: string;
  run: (context: ScenarioContext) => Promise<void>;
}

/** Scenario steps read a few fields of each answer; the contract check, not the step, judges the shape. */
// biome-ignore lint/suspicious/noExplicitAny: the steps navigate untyped JSON answers by design.
export type JsonAnswer = any;

/** The JSON body of a 2xx answer (null for an empty one); any other status fails the step with the answer. */
export async function expectOk(response: Response, what: string): Promise<JsonAnswer> {
  if (!response.ok) throw new Error(`${what} answered ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return text === '' ? null : JSON.parse(text);
}

/** The property every request body of the scenario carries at every depth: no contract schema names it. */
export const UNKNOWN_PROPERTY = 'notInTheContract';

/** `body` with UNKNOWN_PROPERTY added to each object in it, as a client built for another API version might send. */
export function withUnknownProperties(body: unknown): unknown {
  if (Array.isArray(body)) return body.map(withUnknownProperties);
  if (body === null || typeof body !== 'object') return body;
  const salted: Record<string, unknown> = { [UNKNOWN_PROPERTY]: 'ignored by Procountor' };
  for (const [key, value] of Object.entries(body)) salted[key] = withUnknownProperties(value);
  return salted;
}

/**
 * Calls the API with the session's token and returns the 2xx answer's JSON: `call(session, 'PUT', path, body)`.
 * The body goes out with an unknown property in every object, so the contract check also proves none comes back.
 */
export async function call(session: TestSession, method: string, path: string, body?: unknown): Promise<JsonAnswer> {
  return expectOk(
    await session.api(path, { method, ...(body !== undefined ? { body: withUnknownProperties(body) } : {}) }),
    `${method} ${path}`,
  );
}

/** GETs whose only purpose is to put a response in the log. */
export const plainGets = (paths: string[]): ScenarioStep[] =>
  paths.map((path) => ({
    name: `GET ${path}`,
    run: async ({ session }) => {
      await call(session, 'GET', path);
    },
  }));
