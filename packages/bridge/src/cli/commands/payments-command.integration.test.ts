// `bridge payments subscribe|reconcile|unsubscribe` as a user runs them, against the emulator, on PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliTestSetup, startCliTestSetup } from '../../../test/helpers/bridge-cli';

// Each test starts several CLI processes (tsx and the bridge's modules, ~3 s of CPU each): on a busy machine
// running other test files at once that takes longer than the default 30 s.
describe('bridge payments (CLI) [postgres]', { timeout: 120_000 }, () => {
  let setup: CliTestSetup;
  let connectionId: string;
  const bridgeCli = (args: string[]) => setup.cli(args);
  const company = () => setup.procountor.emulator.context.state.companies.get(setup.procountor.company.companyId)!;

  beforeAll(async () => {
    setup = await startCliTestSetup('Komento Oy', { BRIDGE_PUBLIC_URL: 'https://bridge.example.fi' });
    connectionId = setup.connectionId;
  });
  afterAll(async () => {
    await setup?.stop();
  });

  it('subscribes once under BRIDGE_PUBLIC_URL, reconciles, and unsubscribes', async () => {
    const subscribed = await bridgeCli(['payments', 'subscribe', '--connection', connectionId, '--json']);
    expect(subscribed.code, subscribed.stderr).toBe(0);
    const subscription = JSON.parse(subscribed.stdout);
    expect(subscription.url).toBe(`https://bridge.example.fi/hooks/procountor/${connectionId}`);
    expect((await bridgeCli(['payments', 'subscribe', '--connection', connectionId])).code).toBe(0);
    expect([...company().webhooks.values()]).toEqual([
      expect.objectContaining({ uuid: subscription.webhookUuid, authenticationType: 'HMAC' }),
    ]);

    const reconciled = await bridgeCli(['payments', 'reconcile', '--connection', connectionId, '--json']);
    expect(reconciled.code, reconciled.stderr).toBe(0);
    expect(JSON.parse(reconciled.stdout)).toEqual({ checked: 0, recorded: 0, failed: 0 });

    expect((await bridgeCli(['payments', 'unsubscribe', '--connection', connectionId])).code).toBe(0);
    expect(company().webhooks.size).toBe(0);
    const again = await bridgeCli(['payments', 'unsubscribe', '--connection', connectionId]);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('no Procountor webhook subscription');
  });
});
