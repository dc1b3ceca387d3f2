// The committed src/generated/ is what the bridge's OpenAPI document gives today: a route changed without
// `npm run generate:sdk` fails here, naming the file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBridgeApiFiles } from '../scripts/render-bridge-api';

const GENERATED_DIR = path.resolve(import.meta.dirname, '../src/generated');

describe('src/generated', () => {
  it("matches the bridge's OpenAPI document (regenerate with npm run generate:sdk)", async () => {
    const files = await renderBridgeApiFiles();
    expect(Object.keys(files).sort()).toEqual(['bridge-api.ts', 'idempotency-key-operations.ts']);
    for (const [name, content] of Object.entries(files)) {
      const committed = await readFile(path.join(GENERATED_DIR, name), 'utf8');
      // Not toBe on the whole text: a failure would print half a megabyte. The first differing line says enough.
      const lines = committed.split('\n');
      const fresh = content.split('\n');
      const firstDifference = fresh.findIndex((line, index) => line !== lines[index]);
      const where =
        firstDifference === -1 && fresh.length === lines.length
          ? 'identical'
          : `src/generated/${name} is stale from line ${firstDifference + 1}: run npm run generate:sdk`;
      expect(where, name).toBe('identical');
    }
  }, 180_000);
});
