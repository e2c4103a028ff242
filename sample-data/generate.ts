/**
 * Generates the fictional demo data sets (Musterstadt, Musterkreis) and sample-data/manifest.json.
 * Deterministic (seeded PRNG, fixed zip timestamps): running `npm run sample-data` again
 * produces byte-identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './lib/build.ts';

const ROOT = dirname(fileURLToPath(import.meta.url));
const files = buildAll();
let total = 0;
for (const [path, data] of files) {
  const full = join(ROOT, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, data);
  total += typeof data === 'string' ? Buffer.byteLength(data) : data.length;
}
console.log(`sample-data: ${files.size} files, ${(total / 1024).toFixed(0)} KiB`);
