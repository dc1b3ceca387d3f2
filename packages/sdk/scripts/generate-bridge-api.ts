// Regenerates src/generated/ from the bridge's OpenAPI document. Run: npm run generate:sdk (after changing a route).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderBridgeApiFiles } from './render-bridge-api';

const outDir = resolve(dirname(fileURLToPath(import.meta.url)), '../src/generated');
mkdirSync(outDir, { recursive: true });
for (const [name, content] of Object.entries(await renderBridgeApiFiles())) {
  writeFileSync(resolve(outDir, name), content);
}
console.log(`generated ${outDir} from the bridge's OpenAPI document`);
