import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCompany } from '../src/companies/demo-seed';
import { type RunningEmulator, startEmulator } from '../src/start-emulator';
import { ContractResponses, type Verdict } from './conformance/contract-responses';
import { listEmulatedApiRoutes } from './conformance/emulated-operations';
import { SCENARIO } from './conformance/scenario-steps';
import { apiWithToken, requestToken, type TestSession } from './helpers/test-session';

interface LoggedRequest {
  method: string;
  path: string;
  status: number | null;
  responseContentType: string | null;
  responseBody: unknown;
}

/** Emulated operations the scenario cannot exercise with a 2xx, each with the reason. */
const NOT_EXERCISED: Record<string, string> = {
  // The API key's technical user has no person record, so the emulator always answers 404 (README, Assumptions).
  'GET /businesspartners/personaldetails': 'always 404 in the emulator: no 2xx to check',
};

/** Operations whose 2xx answer is not JSON: counted as exercised, their bodies are not held to a JSON schema. */
const NON_JSON_ANSWERS: Record<string, string> = {
  // The contract's description says "Content-type for the response is multipart/mixed" (a meta part and the file),
  // while its 200 lists only an application/json Attachment schema.
  'GET /attachments/{attachmentId}': 'answers multipart/mixed, not JSON',
};

describe('contract conformance: a scenario over every emulated operation, checked against openapi.json', () => {
  let emulator: RunningEmulator;
  const contract = ContractResponses.load();
  let verdicts: Array<{ entry: LoggedRequest; verdict: Verdict }>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    // The demo company gives the scenario partners, products, dimensions and persons to read.
    const company = seedDemoCompany(emulator.context.state, new Date(emulator.context.now()).toISOString());
    const token = await requestToken(emulator, company);
    const session: TestSession = { emulator, company, token, api: apiWithToken(emulator, token) };
    const ids: Record<string, number | string> = {};
    for (const step of SCENARIO) {
      try {
        await step.run({ session, ids });
      } catch (error) {
        throw new Error(`scenario step '${step.name}' failed: ${(error as Error).message}`, { cause: error });
      }
    }
    const log = (await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as { entries: LoggedRequest[] };
    verdicts = log.entries
      .filter((entry) => entry.status !== null && entry.status >= 200 && entry.status < 300)
      .map((entry) => ({
        entry,
        verdict: contract.check(entry.method, entry.path, entry.status!, entry.responseBody, entry.responseContentType),
      }));
  });
  afterAll(() => emulator?.stop());

  const exercised = () =>
    new Set(verdicts.map(({ verdict }) => ('operation' in verdict ? verdict.operation : '')).filter(Boolean));

  it('every 2xx answer of the scenario validates against its operation’s response schema', () => {
    const count = (outcome: Verdict['outcome']) => verdicts.filter(({ verdict }) => verdict.outcome === outcome).length;
    console.log(
      `contract conformance: ${verdicts.length} 2xx responses over ${exercised().size} operations; ` +
        `${count('valid')} valid, ${count('invalid')} invalid, ${count('no-schema')} without a JSON schema, ` +
        `${count('not-json')} not JSON, ${count('no-operation')} not in the contract`,
    );
    const problems = verdicts.flatMap(({ entry, verdict }) => {
      const at = `${entry.method} ${entry.path}`;
      if (verdict.outcome === 'invalid') return [`${at} → ${verdict.errors.join('; ')}`];
      if (verdict.outcome === 'no-operation') return [`${at} → no such operation in the contract`];
      if (verdict.outcome === 'not-json' && !(verdict.operation in NON_JSON_ANSWERS))
        return [`${at} → answered ${entry.responseContentType}, not JSON`];
      return [];
    });
    expect(problems).toEqual([]);
    expect(count('valid')).toBeGreaterThan(50);
  });

  it('every operation the emulator serves under /api is a contract operation', async () => {
    const routes = await listEmulatedApiRoutes(emulator.context);
    expect(routes.length).toBeGreaterThan(50);
    const outside = routes
      .filter((route) => !contract.operationOfRoute(route.method, route.url))
      .map((route) => `${route.method} ${route.url}`);
    expect(outside).toEqual([]);
  });

  it('the scenario exercises every emulated /api operation with a 2xx, except the listed exclusions', async () => {
    const emulated = new Set(
      (await listEmulatedApiRoutes(emulator.context)).flatMap((route) => {
        const operation = contract.operationOfRoute(route.method, route.url);
        return operation ? [operation] : [];
      }),
    );
    const done = exercised();
    const missing = [...emulated].filter((operation) => !done.has(operation) && !(operation in NOT_EXERCISED));
    expect(missing, 'emulated operations no scenario step answers with a 2xx').toEqual([]);
    // An exclusion must still be needed: emulated, and not exercised after all.
    const staleExclusions = Object.keys(NOT_EXERCISED).filter(
      (operation) => !emulated.has(operation) || done.has(operation),
    );
    expect(staleExclusions, 'exclusions to remove').toEqual([]);
    const staleNonJson = Object.keys(NON_JSON_ANSWERS).filter((operation) => !done.has(operation));
    expect(staleNonJson, 'non-JSON operations the scenario no longer exercises').toEqual([]);
  });
});
