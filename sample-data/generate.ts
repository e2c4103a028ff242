/**
 * Generates the fictional demo data sets (Musterstadt, Musterkreis) and sample-data/manifest.json.
 * Deterministic: run `npm run sample-data` again and the files are byte-identical.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateStadt } from './lib/musterstadt.ts';
import { type FileMap, writeStadt } from './lib/write-stadt.ts';
import { KREIS_YEARS, generateKreis } from './lib/musterkreis.ts';
import { writeKreis } from './lib/write-kreis.ts';

const ROOT = dirname(fileURLToPath(import.meta.url));
const files: FileMap = new Map();

const stadtFiles = writeStadt(generateStadt(20250115), files);
const kreisFiles = writeKreis(generateKreis(20250116), files);

const manifest = {
  version: 1,
  note: 'Fiktive Demodaten, erzeugt mit `npm run sample-data` (sample-data/generate.ts).',
  musterstadt: {
    title: 'Musterstadt',
    description: 'Fiktive kreisfreie Stadt im Ruhrgebiet (≈ 250 000 EW): 60 Statistische Bezirke in 6 Stadtbezirken, Jahre 2019–2024, Angebote.',
    years: [2019, 2020, 2021, 2022, 2023, 2024],
    files: stadtFiles,
  },
  musterkreis: {
    title: 'Musterkreis',
    description: 'Fiktiver Kreis im Sauerland: 8 Gemeinden mit je 3–6 Sozialräumen, Jahre 2020–2024.',
    years: KREIS_YEARS,
    files: kreisFiles,
  },
};

for (const [path, data] of files) {
  const full = join(ROOT, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, data);
}
writeFileSync(join(ROOT, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
let total = 0;
for (const d of files.values()) total += typeof d === 'string' ? Buffer.byteLength(d) : d.length;
console.log(`sample-data: ${files.size} files, ${(total / 1024).toFixed(0)} KiB`);
