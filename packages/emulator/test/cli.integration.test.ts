import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FROM_SOURCE_NODE_ARGS } from '../../../scripts/source-condition';

/** The CLI from its sources; the built one (bin/procountor-emulator.js) is run by test/packages/pack-and-install.integration.test.ts. */
const CLI = [...FROM_SOURCE_NODE_ARGS, resolve(import.meta.dirname, '../src/cli.ts')];

interface Started {
  child: ChildProcess;
  output: () => string;
}

/** Spawns the CLI and waits until it has printed `untilText`. */
function startCli(args: string[], untilText: string): Promise<Started> {
  const child = spawn(process.execPath, [...CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI did not print '${untilText}' in time:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(untilText)) {
        clearTimeout(timer);
        resolvePromise({ child, output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`CLI exited with ${code} before printing '${untilText}':\n${output}`)));
  });
}

/** Stops only the process this test spawned, by its pid, and waits for its exit code. */
function stopCli(started: Started): Promise<number | null> {
  return new Promise((resolvePromise) => {
    started.child.removeAllListeners('exit');
    started.child.on('exit', (code) => resolvePromise(code));
    started.child.kill('SIGTERM');
  });
}

function valueAfter(output: string, label: string): string {
  const match = new RegExp(`${label}\\s+(\\S+)`).exec(output);
  if (!match) throw new Error(`no '${label}' in:\n${output}`);
  return match[1]!;
}

async function tokenStatus(baseUrl: string, clientId: string, clientSecret: string, apiKey: string): Promise<number> {
  const response = await fetch(`${baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      api_key: apiKey,
    }).toString(),
  });
  return response.status;
}

describe('procountor-emulator CLI', () => {
  const directory = mkdtempSync(join(tmpdir(), 'emulator-cli-'));
  const statePath = join(directory, 'state.json');
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('lists every option on --help', async () => {
    const started = await startCli(['--help'], '--help');
    await new Promise((resolvePromise) => started.child.on('exit', resolvePromise));
    for (const option of ['--port', '--host', '--seed demo', '--state', '--rate-limit', '--latency-ms']) {
      expect(started.output()).toContain(option);
    }
  });

  it('prints the base URL and demo credentials that work, stops on SIGTERM and keeps them in the --state file', async () => {
    const first = await startCli(['--port', '0', '--seed', 'demo', '--state', statePath], 'API key:');
    const baseUrl = valueAfter(first.output(), 'API base URL:');
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    const clientId = valueAfter(first.output(), 'client id:');
    const clientSecret = valueAfter(first.output(), 'client secret:');
    const apiKey = valueAfter(first.output(), 'API key:');
    expect(clientId).toBe('procountorBridgeDemoClient');
    expect(await tokenStatus(baseUrl, clientId, clientSecret, apiKey)).toBe(200);
    expect(await stopCli(first)).toBe(0);

    // Started again from the file: the demo company is not seeded twice and the same credentials still work.
    const second = await startCli(['--port', '0', '--seed', 'demo', '--state', statePath], 'API key:');
    expect(second.output()).toContain('already in the state');
    expect(valueAfter(second.output(), 'API key:')).toBe(apiKey);
    expect(await tokenStatus(valueAfter(second.output(), 'API base URL:'), clientId, clientSecret, apiKey)).toBe(200);
    expect(await stopCli(second)).toBe(0);
  });

  it('refuses a bad option value and says what to give', async () => {
    const started = startCli(['--rate-limit', 'fast'], 'never printed');
    await expect(started).rejects.toThrow(/--rate-limit 'fast': give a number/);
  });
});
