/** Builds all demo files in memory (used by generate.ts and by the freshness test). */
import { generateStadt } from './musterstadt.ts';
import { type FileMap, writeStadt } from './write-stadt.ts';
import { KREIS_YEARS, generateKreis } from './musterkreis.ts';
import { writeKreis } from './write-kreis.ts';
import { writeJugendhilfe } from './write-jugendhilfe.ts';
import { writeGitter } from './write-gitter.ts';

export const STADT_SEED = 20250115;
export const KREIS_SEED = 20250116;
/** separate stream for the Jugendhilfe file, so the Kreis values above never change */
export const JUGEND_SEED = 20250117;
/** separate stream for the children grid (issue 11), so the Musterstadt values above never change */
export const GITTER_SEED = 20250118;

export function buildAll(): FileMap {
  const files: FileMap = new Map();
  const stadt = generateStadt(STADT_SEED);
  const stadtFiles = [...writeStadt(stadt, files), ...writeGitter(stadt, files, GITTER_SEED)];
  const kreis = generateKreis(KREIS_SEED);
  const kreisFiles = [...writeKreis(kreis, files), ...writeJugendhilfe(kreis, files, JUGEND_SEED)];
  const manifest = {
    version: 1,
    note: 'Fiktive Demodaten, erzeugt mit `npm run sample-data` (sample-data/generate.ts). Pfade relativ zu sample-data/.',
    musterstadt: {
      title: 'Musterstadt',
      description: 'Fiktive kreisfreie Stadt im Ruhrgebiet (≈ 250 000 EW): 60 Statistische Bezirke in 6 Stadtbezirken, Jahre 2019–2024, 80 Angebote.',
      years: [2019, 2020, 2021, 2022, 2023, 2024],
      files: stadtFiles,
    },
    musterkreis: {
      title: 'Musterkreis',
      description: 'Fiktiver Kreis im Sauerland: 8 Gemeinden mit je 3–6 Sozialräumen, Jahre 2020–2024; Jugendhilfe-Fallzahlen mit kleinen Werten (Geheimhaltung, Ebenen).',
      years: KREIS_YEARS,
      files: kreisFiles,
    },
  };
  files.set('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  return files;
}
