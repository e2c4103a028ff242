/**
 * Musterkreis Jugendhilfe (issue 12): case numbers per Sozialraum and year with small values, so
 * that primary and secondary suppression, column sums (HZE = ambulant + stationär) and the
 * aggregation to Gemeinden can be shown. Drawn from its own seeded stream: the existing Musterkreis
 * files and values stay exactly as they were.
 */
import { type Kreis, KREIS_YEARS } from './musterkreis.ts';
import { csvWindows1252 } from './formats.ts';
import { Rng } from './prng.ts';
import type { FileMap } from './write-stadt.ts';

export const JUGEND_COLUMNS = ['EW_U21', 'HZE', 'HZE_AMBULANT', 'HZE_STATIONAER', 'INOBHUT'] as const;

/** Poisson deviate (Knuth for small means, rounded normal above 30). */
function poisson(rng: Rng, lambda: number): number {
  if (lambda > 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * rng.normal()));
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng.next();
  } while (p > l);
  return k - 1;
}

export function writeJugendhilfe(k: Kreis, files: FileMap, seed: number): Record<string, unknown>[] {
  const rng = new Rng(seed);
  const rows: string[][] = [];
  for (const y of KREIS_YEARS) {
    for (const s of k.sozialraeume) {
      const c = s.series.get(y)!;
      // under 21: under 15 plus about six of the fifty years 15–64
      const u21 = c.EW_U15 + Math.round(c.EW_15_64 * (0.115 + 0.01 * rng.normal()));
      const childPoverty = c.EW_U15 > 0 ? c.SGB2_U15 / c.EW_U15 : 0;
      const amb = poisson(rng, u21 * (0.01 + 0.09 * childPoverty));
      const stat = poisson(rng, u21 * (0.002 + 0.03 * childPoverty));
      const inob = poisson(rng, u21 * (0.0008 + 0.012 * childPoverty));
      rows.push([s.id, s.name, s.gemId, String(y), String(u21), String(amb + stat), String(amb), String(stat), String(inob)]);
    }
  }
  const path = 'musterkreis/jugendhilfe_2020-2024.csv';
  files.set(path, csvWindows1252(['SR_ID', 'SR_NAME', 'GEM_ID', 'JAHR', ...JUGEND_COLUMNS], rows));
  return [
    {
      path, role: 'table', format: 'csv', encoding: 'windows-1252', delimiter: ';', decimal: ',', key: 'SR_ID', name: 'SR_NAME', parent: 'GEM_ID',
      year: 'JAHR', years: KREIS_YEARS, shape: 'long', layer: 'musterkreis/sozialraeume.geojson',
      label: 'Jugendhilfe 2020–2024 (Fallzahlen, kleine Werte)', default: true,
    },
  ];
}
