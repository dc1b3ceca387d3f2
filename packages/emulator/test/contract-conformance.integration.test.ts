import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCompany } from '../src/companies/demo-seed';
import { apiWithToken, requestToken, type TestSession } from '../src/companies/test-session';
import { type RunningEmulator, startEmulator } from '../src/start-emulator';
import { ContractResponses, type Verdict } from './conformance/contract-responses';
import { SCENARIO } from './conformance/scenario-steps';

interface LoggedRequest {
  method: string;
  path: string;
  status: number | null;
  responseBody: unknown;
}

describe('contract conformance: every 2xx response of a scenario matches openapi.json', () => {
  let emulator: RunningEmulator;
  let session: TestSession;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    // The demo company gives the scenario partners, products, dimensions and persons to read.
    const company = seedDemoCompany(emulator.context.state, new Date(emulator.context.now()).toISOString());
    const token = await requestToken(emulator, company);
    session = { emulator, company, token, api: apiWithToken(emulator, token) };
  });
  afterAll(() => emulator?.stop());

  it('validates the logged responses against the contract', async () => {
    const contract = ContractResponses.load();
    const ids: Record<string, number | string> = {};
    for (const step of SCENARIO) {
      try {
        await step.run({ session, ids });
      } catch (error) {
        throw new Error(`scenario step '${step.name}' failed: ${(error as Error).message}`, { cause: error });
      }
    }

    const log = (await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as { entries: LoggedRequest[] };
    const successful = log.entries.filter(
      (entry) => entry.status !== null && entry.status >= 200 && entry.status < 300,
    );
    const verdicts = successful.map((entry) => ({
      entry,
      verdict: contract.check(entry.method, entry.path, entry.status!, entry.responseBody),
    }));
    const count = (outcome: Verdict['outcome']) => verdicts.filter(({ verdict }) => verdict.outcome === outcome).length;
    const invalid = verdicts.filter(({ verdict }) => verdict.outcome === 'invalid');
    const unknown = verdicts.filter(({ verdict }) => verdict.outcome === 'no-operation');
    const operations = new Set(verdicts.map(({ verdict }) => ('operation' in verdict ? verdict.operation : '')));

    console.log(
      `contract conformance: ${successful.length} 2xx responses over ${operations.size} operations; ` +
        `${count('valid')} valid, ${count('invalid')} invalid, ${count('no-schema')} skipped (no JSON schema), ` +
        `${count('no-operation')} not in the contract`,
    );
    const problems = [
      ...invalid.map(
        ({ entry, verdict }) =>
          `${entry.method} ${entry.path} → ${verdict.outcome === 'invalid' ? verdict.errors.join('; ') : ''}`,
      ),
      ...unknown.map(({ entry }) => `${entry.method} ${entry.path} → no such operation in the contract`),
    ];
    expect(problems).toEqual([]);
    expect(count('valid')).toBeGreaterThan(10);
  });
});
