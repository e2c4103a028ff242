import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNodeDuck } from '../../src/lib/db/node';
import { ingestFile } from '../../src/lib/ingest/index';
import { parseGeometry, type AreaGeometry } from '../../src/lib/analysis/geometry-rings';
import { buildWeights, DEFAULT_SNAP_M } from '../../src/lib/analysis/buildWeights';
import type { Weights } from '../../src/lib/analysis/weights';

const KOELN = path.resolve(import.meta.dirname, '../fixtures/reference/koeln');
// libpysal 4.7 (Debian python3-libpysal) Queen/Rook.from_shapefile on the original Stadtteil.shp
const PYSAL = JSON.parse(readFileSync(`${KOELN}/stadtteile_contiguity_pysal.json`, 'utf8')) as Record<'queen' | 'rook', Record<string, string[]>>;

let ids: string[];
let areas: AreaGeometry[];
beforeAll(async () => {
  const duck = await createNodeDuck();
  await ingestFile(duck, { name: 'stadtteile_koeln_shp.zip', bytes: new Uint8Array(readFileSync(`${KOELN}/stadtteile_koeln_shp.zip`)) }, 'st');
  const rows = duck.query('SELECT "STT_NR" AS id, _geom AS g FROM st ORDER BY rowid').toArray().map((r) => r.toJSON() as { id: string; g: string });
  ids = rows.map((r) => String(r.id));
  areas = rows.map((r) => parseGeometry(r.g));
});

const asLists = (w: Weights): Record<string, string[]> =>
  Object.fromEntries(ids.map((id, i) => [id, Array.from(w.neighbors.subarray(w.offsets[i], w.offsets[i + 1]), (j) => ids[j]).sort()]));

describe('contiguity on the file’s own precision (Köln 2012 Stadtteile, EPSG:25832 with false easting)', () => {
  it('tolerance 0 gives exactly PySAL’s queen and rook neighbours (458 and 416 directed links)', () => {
    const queen = buildWeights(areas, { type: 'queen', tolerance: 0 });
    const rook = buildWeights(areas, { type: 'rook', tolerance: 0 });
    expect(queen.neighbors.length).toBe(458);
    expect(rook.neighbors.length).toBe(416);
    expect(asLists(queen)).toEqual(PYSAL.queen);
    expect(asLists(rook)).toEqual(PYSAL.rook);
  });

  it('the default 1 cm snap bridges the millimetre gaps: 476 queen links', () => {
    expect(DEFAULT_SNAP_M).toBe(0.01);
    expect(buildWeights(areas, 'queen').neighbors.length).toBe(476);
    expect(buildWeights(areas, { type: 'queen', tolerance: DEFAULT_SNAP_M }).neighbors.length).toBe(476);
    expect(() => buildWeights(areas, { type: 'queen', tolerance: -1 })).toThrow(/invalid tolerance: -1/);
  });
});
