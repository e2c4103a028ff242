/**
 * Musterstadt children under 6 on a Zensus-style 100 m grid (issue 11): the finest demand data a
 * planner may have for accessibility (E2SFCA). Cells of the ETRS89-LAEA grid (EPSG:3035, as the
 * Zensus publishes it), each district's EW_U6 of 2024 split over the cells whose centre lies in
 * it (largest remainder, so the cells add up exactly to the indicator table). Drawn from its own
 * seeded stream: every existing Musterstadt file and value stays as it was.
 */
import proj4 from 'proj4';
import type { Stadt } from './musterstadt.ts';
import { pointInRing, type Pt } from './geom.ts';
import { Rng, splitInteger } from './prng.ts';
import { EPSG25832 } from './formats.ts';
import type { FileMap } from './write-stadt.ts';

const LAEA = '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';
export const GITTER_PATH = 'musterstadt/kinder_gitter_100m.csv';
export const GITTER_YEAR = 2024;

export function writeGitter(s: Stadt, files: FileMap, seed: number): Record<string, unknown>[] {
  const rng = new Rng(seed);
  const toLaea = proj4(EPSG25832, LAEA);
  const rows: string[][] = [];
  for (const d of s.districts) {
    const ring = d.ring.map((p) => toLaea.forward([p[0], p[1]]) as Pt);
    const xs = ring.map((p) => p[0]), ys = ring.map((p) => p[1]);
    const x0 = Math.floor(Math.min(...xs) / 100) * 100, x1 = Math.max(...xs);
    const y0 = Math.floor(Math.min(...ys) / 100) * 100, y1 = Math.max(...ys);
    const cells: Pt[] = [];
    for (let x = x0 + 50; x < x1; x += 100) for (let y = y0 + 50; y < y1; y += 100) if (pointInRing([x, y], ring)) cells.push([x, y]);
    if (!cells.length) continue;
    // clumpy settlement: exponential weights, a third of the cells empty (parks, industry)
    const w = cells.map(() => (rng.next() < 0.33 ? 0 : -Math.log(1 - rng.next())));
    const parts = splitInteger(d.series.get(GITTER_YEAR)!.EW_U6, w);
    cells.forEach((c, k) => {
      if (parts[k] > 0) rows.push([`CRS3035RES100mN${c[1] - 50}E${c[0] - 50}`, String(c[0]), String(c[1]), String(parts[k])]);
    });
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // Zensus grid files are semicolon CSV in UTF-8
  files.set(GITTER_PATH, ['Gitter_ID_100m;x_mp_100m;y_mp_100m;EW_U6', ...rows.map((r) => r.join(';'))].join('\n') + '\n');
  return [
    {
      path: GITTER_PATH, role: 'points', format: 'csv', encoding: 'utf-8', delimiter: ';', x: 'x_mp_100m', y: 'y_mp_100m', crs: 'EPSG:3035',
      population: 'EW_U6', year: GITTER_YEAR, label: `Kinder unter 6 im 100-m-Gitter (${GITTER_YEAR}, Zensus-Format)`, default: true,
    },
  ];
}
