// `npm start` with nothing set: main.ts in demo mode starts the emulator, an active demo connection and an admin token.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { FROM_SOURCE_NODE_ARGS } from '../../../../scripts/source-condition';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

describe('main.ts in demo mode', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  it('prints the URLs and an admin token that lists the active demo connection, and stops on SIGTERM', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bridge-demo-'));
    const clean = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|BRIDGE_|PROCOUNTOR_|PORT|LOG_LEVEL)/.test(name)),
    );
    child = spawn('node', [...FROM_SOURCE_NODE_ARGS, 'packages/bridge/src/main.ts'], {
      cwd: REPO_ROOT,
      env: { ...clean, BRIDGE_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const banner = await new Promise<string>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/Admin token:\s+pb_\S+/.test(output)) resolve(output);
      });
      child!.stderr!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
      });
      child!.once('exit', (code) => reject(new Error(`main exited with ${code}:\n${output}`)));
    });
    expect(banner).toContain('DEMO MODE');
    expect(banner).toMatch(/Procountor emulator: http:\/\/127\.0\.0\.1:\d+\/api/);
    const apiUrl = /API:\s+(http:\/\/\S+)\/v1/.exec(banner)![1]!;
    const token = /Admin token:\s+(pb_\S+)/.exec(banner)![1]!;

    expect((await fetch(`${apiUrl}/healthz`)).status).toBe(200);
    const listed = await (
      await fetch(`${apiUrl}/v1/connections`, { headers: { authorization: `Bearer ${token}` } })
    ).json();
    expect(listed.connections).toEqual([
      expect.objectContaining({ name: 'Demo connection', status: 'active', companyName: 'Demo Company Oy' }),
    ]);
    // The banner names the demo connection, and payments come back without a manual step: it is subscribed by itself.
    const connectionId = listed.connections[0].id;
    expect(banner).toContain(`Demo connection:     ${connectionId}`);
    const deadline = Date.now() + 30_000;
    let subscription: { state?: string; url?: string } = {};
    while (subscription.state !== 'subscribed' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const answer = await fetch(`${apiUrl}/v1/connections/${connectionId}/procountor-webhook`, {
        headers: { authorization: `Bearer ${token}` },
      });
      subscription = answer.status === 200 ? await answer.json() : {};
    }
    expect(subscription).toMatchObject({
      state: 'subscribed',
      url: expect.stringContaining(`/hooks/procountor/${connectionId}`),
    });

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 60_000);
});
