// Product texts speak the user's words: a reader of the code, the docs or an error message has none of the design
// notes beside the repository, so no text names a seed document by its number, and no README or doc points at those
// notes. The one path outside the repository a document may name is the Procountor contract, for `npm run generate`
// and the conformance tests.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');
/** Folders that hold no text of ours: dependencies, builds, run data. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', 'dist', 'data', 'bench-results', 'coverage']);
const TEXT_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs|json|md|ya?ml|css|html|sh)$|^(Dockerfile|run)$/;

/** A seed document by its number: the word, an optional space or hyphen, then a number such as 002. */
const SEED_NUMBER = /\bseeds?[ -]?0\d\d\b/i;
/** Design notes that live beside the repository, not in it. */
const DESIGN_NOTE = /\bFACTS\.md\b|\bDESIGN\.md\b|\bSTYLE\.md\b|shared\/seeds|\bseeds\b/i;
/** The contract's place, named where the docs say how `npm run generate` and the conformance tests find it. */
const CONTRACT_PATH = '../shared/procountor/openapi.json';

async function textFilesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const files = await Promise.all(
    entries.map(async (entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return SKIPPED_DIRECTORIES.has(entry.name) ? [] : textFilesUnder(full);
      return entry.isFile() && TEXT_FILE.test(entry.name) ? [full] : [];
    }),
  );
  return files.flat();
}

/** `file:line: text` for every line of `files` that `offends`. */
async function offendingLines(files: string[], offends: (line: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  for (const file of files) {
    const lines = (await readFile(file, 'utf8')).split('\n');
    lines.forEach((line, index) => {
      if (offends(line)) found.push(`${path.relative(REPO_ROOT, file)}:${index + 1}: ${line.trim().slice(0, 160)}`);
    });
  }
  return found;
}

describe("the user's words", () => {
  it('no source, test, script, doc or README names a seed document by its number', async () => {
    const files = await textFilesUnder(REPO_ROOT);
    expect(files.length).toBeGreaterThan(100);
    expect(await offendingLines(files, (line) => SEED_NUMBER.test(line))).toEqual([]);
  });

  it('no README or doc points at design notes outside the repository; only the contract path may be named', async () => {
    const documents = (await textFilesUnder(REPO_ROOT)).filter((file) => file.endsWith('.md'));
    expect(documents.map((file) => path.relative(REPO_ROOT, file))).toContain('README.md');
    const offends = (line: string) => DESIGN_NOTE.test(line) || line.replaceAll(CONTRACT_PATH, '').includes('shared/');
    expect(await offendingLines(documents, offends)).toEqual([]);
  });

  it('recognises the words it forbids', () => {
    const seed = ['se', 'ed'].join('');
    for (const text of [`${seed} 002`, `${seed}s 001, 002`, `${seed}-004`, `${seed.toUpperCase()} 000`]) {
      expect(SEED_NUMBER.test(text)).toBe(true);
    }
    for (const text of ['--seed demo', 'BRIDGE_FUZZ_SEED=1', `${seed}: 42`, `${seed}Demo`]) {
      expect(SEED_NUMBER.test(text)).toBe(false);
    }
    expect(DESIGN_NOTE.test('see ../shared/procountor/FACTS.md')).toBe(true);
    expect(`run npm run generate with ${CONTRACT_PATH}`.replaceAll(CONTRACT_PATH, '').includes('shared/')).toBe(false);
  });
});
