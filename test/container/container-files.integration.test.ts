// The Dockerfile and compose.yaml without a Docker engine (there is none where these tests run): every file they
// copy exists and is not excluded by .dockerignore, every script they run is defined, every environment variable
// they set is one the bridge reads, and the build stage's commands, run on a copy of what that stage copies, produce
// every file the image takes from it. The image itself is not built here.
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, stat, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { CONFIG_VARIABLES } from '../../packages/bridge/src/config/config-variables';

const run = promisify(execFile);
const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
const BRIDGE_VARIABLES = new Set(Object.values(CONFIG_VARIABLES).map((variable) => variable.name));

interface Instruction {
  keyword: string;
  args: string;
  /** The stage it belongs to: its `AS` name, or its index. */
  stage: string;
}

/** Dockerfile instructions in order, continuation lines joined, comments dropped. */
function parseDockerfile(text: string): Instruction[] {
  const joined = text
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const instructions: Instruction[] = [];
  let stage = '';
  let stages = 0;
  for (const line of joined.split('\n').map((candidate) => candidate.trim())) {
    if (line === '') continue;
    const [keyword = '', ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1] ?? String(stages++);
    instructions.push({ keyword: keyword.toUpperCase(), args, stage });
  }
  return instructions;
}

/** `COPY [--from=x] src… dest` → its sources and `from`. */
function copySources(instruction: Instruction): { from: string | undefined; sources: string[] } {
  const words = instruction.args.split(/\s+/);
  const from = words.find((word) => word.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((word) => !word.startsWith('--'));
  return { from, sources: paths.slice(0, -1) };
}

/** Whether .dockerignore's patterns (the simple forms it uses: names, `**​/name`) exclude a repository path. */
function isIgnored(relativePath: string, patterns: string[]): boolean {
  const parts = relativePath.replace(/\/$/, '').split('/');
  return patterns.some((pattern) => {
    if (pattern.startsWith('**/')) return parts.includes(pattern.slice(3));
    if (pattern.startsWith('*.')) return parts.some((part) => part.endsWith(pattern.slice(1)));
    return parts[0] === pattern || relativePath === pattern;
  });
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

let instructions: Instruction[];
let ignorePatterns: string[];
let rootScripts: Record<string, string>;

beforeAll(async () => {
  instructions = parseDockerfile(await readFile(path.join(REPO_ROOT, 'Dockerfile'), 'utf8'));
  ignorePatterns = (await readFile(path.join(REPO_ROOT, '.dockerignore'), 'utf8'))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  rootScripts = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts;
});

describe('Dockerfile', () => {
  it('builds on Node 20 slim in stages and runs as the non-root node user, with a health check on /healthz', () => {
    const froms = instructions.filter((instruction) => instruction.keyword === 'FROM');
    expect(froms.length).toBeGreaterThanOrEqual(2);
    const arg = instructions.find(
      (instruction) => instruction.keyword === 'ARG' && instruction.args.startsWith('NODE_IMAGE'),
    );
    expect(arg?.args).toBe('NODE_IMAGE=node:20-slim');
    for (const from of froms) expect(from.args).toMatch(/^\$\{NODE_IMAGE\}/);
    const final = instructions.filter((instruction) => instruction.stage === froms.at(-1)!.stage);
    expect(final.find((instruction) => instruction.keyword === 'USER')?.args).toBe('node');
    expect(final.find((instruction) => instruction.keyword === 'HEALTHCHECK')?.args).toContain('/healthz');
    expect(final.find((instruction) => instruction.keyword === 'VOLUME')?.args).toContain('/data');
  });

  it('copies only files that exist in the repository and that .dockerignore lets through', async () => {
    const fromContext = instructions
      .filter((instruction) => instruction.keyword === 'COPY')
      .map(copySources)
      .filter((copy) => copy.from === undefined)
      .flatMap((copy) => copy.sources);
    expect(fromContext.length).toBeGreaterThan(5);
    for (const source of fromContext) {
      expect(await exists(path.join(REPO_ROOT, source)), `${source} exists`).toBe(true);
      expect(isIgnored(source, ignorePatterns), `${source} is not in .dockerignore`).toBe(false);
    }
  });

  it('runs only npm scripts the repository defines, and sets only variables the bridge reads', () => {
    const runs = instructions
      .filter((instruction) => instruction.keyword === 'RUN')
      .map((instruction) => instruction.args);
    const scripts = runs.flatMap((command) => [...command.matchAll(/npm run (\S+)/g)].map((match) => match[1]!));
    expect(scripts).toContain('build');
    for (const script of scripts) expect(rootScripts[script], `npm run ${script}`).toBeDefined();
    const variables = instructions
      .filter((instruction) => instruction.keyword === 'ENV')
      .flatMap((instruction) => [...instruction.args.matchAll(/(\w+)=/g)].map((match) => match[1]!));
    for (const variable of variables.filter((name) => name !== 'NODE_ENV'))
      expect(BRIDGE_VARIABLES).toContain(variable);
  });

  it('starts the built bridge, a file the bridge build writes', async () => {
    const cmd = instructions.findLast((instruction) => instruction.keyword === 'CMD')?.args ?? '';
    expect(cmd).toContain('packages/bridge/dist/main.js');
    const tsupConfig = await readFile(path.join(REPO_ROOT, 'packages/bridge/tsup.config.ts'), 'utf8');
    expect(tsupConfig).toContain("main: 'src/main.ts'");
  });
});

describe("the Dockerfile's build stage, run on a copy of what it copies", () => {
  let workDir: string;
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(tmpdir(), 'bridge-image-build-'));
    // The build stage's COPY lines, minus .dockerignore; node_modules is this repository's (what `npm ci` installs).
    const buildCopies = instructions
      .filter((instruction) => instruction.stage === 'build' && instruction.keyword === 'COPY')
      .flatMap((instruction) => copySources(instruction).sources);
    for (const source of buildCopies) {
      await cp(path.join(REPO_ROOT, source), path.join(workDir, source), {
        recursive: true,
        filter: (file) => !isIgnored(path.relative(REPO_ROOT, file), ignorePatterns),
      });
    }
    await symlink(path.join(REPO_ROOT, 'node_modules'), path.join(workDir, 'node_modules'));
    const buildRuns = instructions
      .filter((instruction) => instruction.stage === 'build' && instruction.keyword === 'RUN')
      .map((instruction) => instruction.args)
      .filter((command) => !command.startsWith('npm ci'));
    expect(buildRuns).toEqual(['npm run build']);
    await run('npm', ['run', 'build', '--silent'], { cwd: workDir, maxBuffer: 16 * 1024 * 1024 });
  }, 300_000);
  afterAll(async () => {
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it('writes every file the image copies from the build stage', async () => {
    const fromBuild = instructions
      .filter((instruction) => instruction.keyword === 'COPY')
      .map(copySources)
      .filter((copy) => copy.from === 'build')
      .flatMap((copy) => copy.sources);
    expect(fromBuild).toEqual(expect.arrayContaining(['/app/packages/bridge/dist', '/app/packages/console/dist']));
    for (const source of fromBuild) {
      expect(await exists(path.join(workDir, path.relative('/app', source))), `${source} after the build`).toBe(true);
    }
    expect(await exists(path.join(workDir, 'packages/bridge/dist/main.js'))).toBe(true);
    expect(await exists(path.join(workDir, 'packages/console/dist/index.html'))).toBe(true);
  });
});

describe('compose.yaml', () => {
  let compose: {
    services: Record<
      string,
      { image?: string; build?: string; environment?: Record<string, string>; volumes?: string[] }
    >;
  };
  beforeAll(async () => {
    compose = parseYaml(await readFile(path.join(REPO_ROOT, 'compose.yaml'), 'utf8'));
  });

  it('runs PostgreSQL 16 and the bridge built from this Dockerfile, with its data volume on /data', async () => {
    expect(compose.services.postgres?.image).toBe('postgres:16');
    const bridge = compose.services.bridge!;
    expect(bridge.build).toBe('.');
    expect(await exists(path.join(REPO_ROOT, 'Dockerfile'))).toBe(true);
    expect(bridge.volumes).toContainEqual(expect.stringMatching(/:\/data$/));
    expect(bridge.environment?.DATABASE_URL).toMatch(/^postgres:\/\/\S+@postgres:5432\//);
  });

  it('sets only variables the bridge reads', () => {
    const names = Object.keys(compose.services.bridge?.environment ?? {});
    expect(names.length).toBeGreaterThan(5);
    for (const name of names) expect(BRIDGE_VARIABLES, name).toContain(name);
  });
});
