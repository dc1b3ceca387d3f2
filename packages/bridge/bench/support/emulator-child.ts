// The Procountor emulator in a child process for the bridge benchmark: its own event loop and its own RSS.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { FROM_SOURCE_NODE_ARGS } from '../../../../scripts/source-condition';

const CLI = [...FROM_SOURCE_NODE_ARGS, resolve(import.meta.dirname, '../../../emulator/src/cli.ts')];

export interface EmulatorChild {
  child: ChildProcess;
  /** e.g. http://127.0.0.1:41234; the admin surface is under /_emulator. */
  url: string;
  /** url + /api: what a Procountor client and a connection take. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  apiKey: string;
  stop(): void;
}

/** `procountor-emulator --port 0 --seed demo` (from its sources), resolved once it printed the demo credentials. */
export function startEmulatorChild(): Promise<EmulatorChild> {
  const child = spawn(process.execPath, [...CLI, '--port', '0', '--seed', 'demo'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    child.on('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready:\n${output}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const field = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(output)?.[1];
      const apiKey = field('API key:');
      if (!apiKey) return;
      child.removeAllListeners('exit');
      const baseUrl = field('API base URL:')!;
      resolvePromise({
        child,
        url: baseUrl.replace(/\/api$/, ''),
        baseUrl,
        clientId: field('client id:')!,
        clientSecret: field('client secret:')!,
        apiKey,
        // Stops only the emulator process this benchmark started.
        stop: () => child.kill('SIGTERM'),
      });
    });
  });
}

/** Resident memory of a process in MB, from ps. */
export function rssMegabytesOf(pid: number): number {
  const kilobytes = Number(
    execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
      .toString()
      .trim(),
  );
  return Math.round(kilobytes / 1024);
}

/** PUT /_emulator/settings: `null` turns a setting off. */
export async function setEmulatorSettings(
  emulator: EmulatorChild,
  settings: { latencyMs: number | null; rateLimitPerSecond: number | null },
): Promise<void> {
  const response = await fetch(`${emulator.url}/_emulator/settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(settings),
  });
  if (!response.ok) throw new Error(`PUT /_emulator/settings: ${response.status} ${await response.text()}`);
}
