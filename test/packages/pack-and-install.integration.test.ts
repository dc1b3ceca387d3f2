// The publishable packages as their users get them: built and packed (`npm pack`, which runs each package's build),
// installed from the tarballs alone into an empty folder outside the repository (their own dependencies come from
// the registry), then used there: the types under NodeNext, the client calling the emulator,
// `npx procountor-emulator --port 0`, and the SDK. Nothing in the folder can reach the repository's sources or
// node_modules.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
/** The repository's TypeScript compiler, run on the installed folder's files (it reads no repository package). */
const TSC = path.join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/**
 * Every publishable workspace package. To add one: append its workspace name here, and it is packed and installed
 * with the others; then add its own `it` below (as "imports the SDK" does).
 */
const PUBLISHABLE = ['@procountor-bridge/client', '@procountor-bridge/emulator', '@procountor-bridge/sdk'];

/**
 * The environment of a user's shell: no npm_* variables of the `npm test` running this, and no NODE_OPTIONS (which
 * could carry the repository's source condition, scripts/source-condition.ts).
 */
const userEnv = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(npm_|NODE_OPTIONS$|NODE_PATH$|INIT_CWD$)/i.test(name)),
);

let workDir: string;
let appDir: string;

async function runIn(cwd: string, command: string, args: string[]) {
  return run(command, args, { cwd, env: userEnv, maxBuffer: 16 * 1024 * 1024 });
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'procountor-packages-'));
  const tarballDir = path.join(workDir, 'tarballs');
  appDir = path.join(workDir, 'app');
  await mkdir(tarballDir);
  await mkdir(appDir);
  // One `npm pack` per package, each into a folder of its own: each builds its package first (prepack → tsup), and
  // the tarball is found by listing that folder, not by parsing stdout (the build's log, coloured where the
  // terminal allows, comes before npm's own report).
  const tarballs = await Promise.all(
    PUBLISHABLE.map(async (workspace, index) => {
      const destination = path.join(tarballDir, String(index));
      await mkdir(destination);
      await run('npm', ['pack', '--silent', '--workspace', workspace, '--pack-destination', destination], {
        cwd: REPO_ROOT,
        maxBuffer: 16 * 1024 * 1024,
      });
      const packed = (await readdir(destination)).filter((name) => name.endsWith('.tgz'));
      expect(packed, `npm pack ${workspace} wrote one tarball`).toHaveLength(1);
      return path.join(destination, packed[0]!);
    }),
  );
  await writeFile(
    path.join(appDir, 'package.json'),
    JSON.stringify({ name: 'packages-as-installed', private: true, type: 'module' }),
  );
  // The tarballs together: the emulator's dependency on the client is met by the client's tarball, not the registry.
  // @types/node as a TypeScript user has it: the emulator's declarations name Fastify's, which need Node's.
  await runIn(appDir, 'npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs, '@types/node@20']);
}, 300_000);

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

describe('the packages installed from their tarballs', () => {
  it('hold the build, the declarations, README and LICENSE, and no sources', async () => {
    for (const name of PUBLISHABLE) {
      const dir = path.join(appDir, 'node_modules', ...name.split('/'));
      const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8'));
      const entries = await readdir(dir, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((entry) => entry.isFile())
        .map((entry) => `./${path.relative(dir, path.join(entry.parentPath, entry.name))}`);
      expect(files, name).toEqual(expect.arrayContaining(['./README.md', './LICENSE', './dist/index.js']));
      expect(files, name).toContain('./dist/index.d.ts');
      expect(
        files.filter((file) => file.startsWith('./src/')),
        name,
      ).toEqual([]);
      expect(manifest.version, name).toMatch(/^0\.\d+\.\d+$/);
      expect(manifest.license, name).toBe('MIT');
    }
  });

  it('type-check in a TypeScript project with NodeNext resolution', async () => {
    await writeFile(
      path.join(appDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          types: ['node'],
        },
        files: ['typed.ts'],
      }),
    );
    await writeFile(
      path.join(appDir, 'typed.ts'),
      [
        "import { ProcountorClient, type ProcountorInvoice } from '@procountor-bridge/client';",
        "import { validateBusinessId } from '@procountor-bridge/client/finnish';",
        "import { startEmulator, type RunningEmulator } from '@procountor-bridge/emulator';",
        "import { BridgeClient, type BridgeWebhookEvent, type SalesInvoiceInput, verifyWebhook } from '@procountor-bridge/sdk';",
        'const check: { valid: boolean } = validateBusinessId("0737546-2");',
        'const start: (options: { port: number }) => Promise<RunningEmulator> = startEmulator;',
        'const invoice: Pick<ProcountorInvoice, "partnerId"> = { partnerId: 1 };',
        'const document: Pick<SalesInvoiceInput, "externalId" | "invoiceDate"> = { externalId: "crm-1", invoiceDate: "2026-01-01" };',
        'const verify: (body: string, headers: Record<string, string>, secret: string) => BridgeWebhookEvent = verifyWebhook;',
        'export { check, start, invoice, ProcountorClient, BridgeClient, document, verify };',
      ].join('\n'),
    );
    // skipLibCheck stays off: the shipped .d.ts files themselves must compile.
    await expect(runIn(appDir, process.execPath, [TSC, '-p', 'tsconfig.json'])).resolves.toBeDefined();
  }, 120_000);

  it('imports the client and calls the emulator with it', async () => {
    await writeFile(
      path.join(appDir, 'call.mjs'),
      `import { ProcountorClient } from '@procountor-bridge/client';
import { createCompany, startEmulator } from '@procountor-bridge/emulator';

const emulator = await startEmulator({ port: 0 });
try {
  const credentials = createCompany(emulator.context.state, { name: 'Paketti Oy' }, new Date().toISOString());
  const { clientId, clientSecret, apiKey } = credentials;
  const client = new ProcountorClient({ baseUrl: emulator.baseUrl, clientId, clientSecret, apiKey });
  const company = await client.company.get();
  console.log(JSON.stringify({ name: company.name, resolvedFrom: import.meta.resolve('@procountor-bridge/client') }));
} finally {
  await emulator.stop();
}
`,
    );
    const { stdout } = await runIn(appDir, process.execPath, ['call.mjs']);
    const answer = JSON.parse(stdout);
    expect(answer.name).toBe('Paketti Oy');
    expect(answer.resolvedFrom).toBe(
      `file://${path.join(appDir, 'node_modules', '@procountor-bridge', 'client', 'dist', 'index.js')}`,
    );
  }, 60_000);

  it('runs `npx procountor-emulator --port 0`, which answers over HTTP', async () => {
    // Detached: npx and the emulator it starts form one process group, stopped together by its id below.
    const child: ChildProcess = spawn('npx', ['procountor-emulator', '--port', '0'], {
      cwd: appDir,
      env: userEnv,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        const collect = (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match) resolve(match[1]!);
        };
        child.stdout!.on('data', collect);
        child.stderr!.on('data', collect);
        child.on('exit', (code) => reject(new Error(`procountor-emulator exited with ${code}:\n${output}`)));
      });
      const summary = await fetch(`${url}/_emulator/state/summary`);
      expect(summary.status).toBe(200);
      expect(await summary.json()).toBeTypeOf('object');
      const token = await fetch(`${url}/api/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=client_credentials&client_id=nobody&client_secret=wrong&api_key=none',
      });
      // Procountor's answer to unknown client credentials.
      expect(token.status).toBe(401);
      expect(await token.text()).toContain('invalid_client');
    } finally {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    }
  }, 60_000);

  it('imports the SDK, which verifies a signed webhook and calls a server with its retries and idempotency key', async () => {
    // A stand-in answering one 503 then the accepted document, so the installed openapi-fetch and the client's retry
    // rules both run; the signature is made as the bridge makes it (docs/webhooks.md).
    await writeFile(
      path.join(appDir, 'sdk.mjs'),
      `import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import { BridgeClient, verifyWebhook } from '@procountor-bridge/sdk';

const secret = 'whsec_packaged';
const body = JSON.stringify({ id: 'evt_1', type: 'transfer.succeeded', createdAt: new Date().toISOString(), connectionId: 'con_1', data: { transferId: 'trf_1', externalId: 'crm-1' } });
const timestamp = Math.floor(Date.now() / 1000);
const signature = 'v1=' + createHmac('sha256', secret).update(timestamp + '.' + body).digest('hex');
const event = verifyWebhook(body, { 'x-bridge-timestamp': String(timestamp), 'x-bridge-signature': signature }, secret);

const keys = [];
const server = createServer((request, response) => {
  keys.push(request.headers['idempotency-key']);
  request.resume();
  if (keys.length === 1) return response.writeHead(503, { 'retry-after': '0' }).end();
  response.writeHead(202, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ transferId: 'trf_1', externalId: 'crm-1', state: 'queued', links: { self: '/s', document: '/d' } }));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
try {
  const bridge = new BridgeClient({ baseUrl: 'http://127.0.0.1:' + server.address().port, token: 't', connectionId: 'con_1' });
  const accepted = await bridge.salesInvoices.submit({ externalId: 'crm-1' });
  console.log(JSON.stringify({ eventType: event.type, state: accepted.state, keys, resolvedFrom: import.meta.resolve('@procountor-bridge/sdk') }));
} finally {
  server.close();
}
`,
    );
    const { stdout } = await runIn(appDir, process.execPath, ['sdk.mjs']);
    const answer = JSON.parse(stdout);
    expect(answer.eventType).toBe('transfer.succeeded');
    expect(answer.state).toBe('queued');
    expect(answer.keys).toHaveLength(2);
    expect(answer.keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.keys[1]).toBe(answer.keys[0]);
    expect(answer.resolvedFrom).toBe(
      `file://${path.join(appDir, 'node_modules', '@procountor-bridge', 'sdk', 'dist', 'index.js')}`,
    );
  }, 60_000);
});
