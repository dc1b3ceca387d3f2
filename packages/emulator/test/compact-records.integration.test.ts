// The conformance scenario once more with every invoice and ledger receipt compressed as soon as its request is over
// (CompactRecordMap.hotCapacity = 1): each later step reads back what an earlier one changed, so a change lost in
// compression, or a record that comes back different, fails a step or the contract check.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoCompany } from '../src/companies/demo-seed';
import { type RunningEmulator, startEmulator } from '../src/start-emulator';
import { CompactRecordMap } from '../src/state/compact-record-map';
import { ContractResponses } from './conformance/contract-responses';
import { SCENARIO } from './conformance/scenario-steps';
import { apiWithToken, requestToken } from './helpers/test-session';

interface LoggedRequest {
  method: string;
  path: string;
  status: number | null;
  responseContentType: string | null;
  responseBody: unknown;
}

describe('invoices and ledger receipts kept compressed between requests behave as live ones', () => {
  let emulator: RunningEmulator;
  const capacity = CompactRecordMap.hotCapacity;
  const contract = ContractResponses.load();

  beforeAll(async () => {
    CompactRecordMap.hotCapacity = 1;
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(async () => {
    CompactRecordMap.hotCapacity = capacity;
    await emulator?.stop();
  });

  it('runs every scenario step, and every 2xx answer still conforms to the contract', async () => {
    const company = seedDemoCompany(emulator.context.state, new Date(emulator.context.now()).toISOString());
    const token = await requestToken(emulator, company);
    const session = { emulator, company, token, api: apiWithToken(emulator, token) };
    const ids: Record<string, number | string> = {};
    for (const step of SCENARIO) {
      try {
        await step.run({ session, ids });
      } catch (error) {
        throw new Error(`scenario step '${step.name}' failed: ${(error as Error).message}`, { cause: error });
      }
    }
    const data = emulator.context.state.companies.get(company.companyId)!;
    expect(data.invoices.size).toBeGreaterThan(5);
    const log = (await (await fetch(`${emulator.url}/_emulator/requests`)).json()) as { entries: LoggedRequest[] };
    const problems = log.entries
      .filter((entry) => entry.status !== null && entry.status >= 200 && entry.status < 300)
      .flatMap((entry) => {
        const verdict = contract.check(
          entry.method,
          entry.path,
          entry.status!,
          entry.responseBody,
          entry.responseContentType,
        );
        return verdict.outcome === 'invalid' ? [`${entry.method} ${entry.path} → ${verdict.errors.join('; ')}`] : [];
      });
    expect(problems).toEqual([]);
  });
});
