// Runs `bridge …` as a user does (node packages/bridge/bin/bridge.js) with only the given environment of the bridge.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = path.join('packages', 'bridge', 'bin', 'bridge.js');
const run = promisify(execFile);

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The bridge's own variables of this process are left out, so only `env` (and the secret key) configure it. */
export async function runBridgeCli(
  args: string[],
  env: Record<string, string>,
  secretKey: Buffer,
): Promise<CliOutcome> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|BRIDGE_|PROCOUNTOR_|PORT|LOG_LEVEL)/.test(name)),
  );
  const all = { ...clean, ...env, BRIDGE_SECRET_KEY: secretKey.toString('base64') };
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], { cwd: REPO_ROOT, env: all });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
