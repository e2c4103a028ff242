/**
 * `npm run cli -- segregation --data FILE --id COL --group COL [--group COL …] [--total COL]
 * [--geo GEOFILE --geo-id COL] [--permutations N --seed S] [--tolerance M]` → single-group indices per group
 * (each against unit total − group), multigroup indices (≥ 2 groups; unit total = their sum),
 * location quotients and local entropy (METHODS.md §4), computed by the engine's
 * `segregationAnalysis` — the Segregation tab's path. With --permutations: permutation p-value
 * and bias-corrected bootstrap interval of D. With geometry (--geo, or --data itself a geometry
 * file): Morrill's spatial dissimilarity with queen contiguity (vertices closer
 * than --tolerance metres count as shared; default 0.01, 0 = exact as in PySAL/GeoDa).
 */
import { SEGREGATION_INDICES, appError, type SegregationRequest, type ValueSource } from '../../lib/contract';
import { segregationAnalysis } from '../../lib/engine/segregation';
import { flag, parseArgs, requireFlag } from '../args';
import { fileOptions } from '../importFlags';
import { cliEngine, intFlag, loadAreas, loadLayer, loadFile, note, toleranceFlag } from '../engine';

/** Printed single-group indices: the registry's, except Delta (it needs areas the CLI never printed). */
const PRINTED = SEGREGATION_INDICES.filter((d) => d.key !== 'delta' && d.key !== 'spatial_dissimilarity').map((d) => d.key);
const clean = (v: number) => (Number.isNaN(v) ? null : v);

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const dataFile = requireFlag(flags, 'data');
  const idCol = requireFlag(flags, 'id');
  const groups = flags.group ?? [];
  if (groups.length === 0) throw appError('cli.groupMissing');
  const total = flag(flags, 'total');
  if (groups.length === 1 && !total) throw appError('seg.needTotal');
  const permutations = intFlag(flag(flags, 'permutations'), 'permutations', 0);
  const seed = intFlag(flag(flags, 'seed'), 'seed', 12345);
  const geoFile = flag(flags, 'geo');
  const geoId = flag(flags, 'geo-id');
  const tolerance = toleranceFlag(flag(flags, 'tolerance'));
  if (geoFile && !geoId) throw appError('cli.geoIdMissing');

  const engine = await cliEngine();
  let source: ValueSource;
  let geometry: boolean;
  if (geoFile) {
    const data = await loadFile(engine, dataFile, fileOptions(flags, 'data', true));
    const layer = await loadLayer(engine, geoFile, { idColumn: geoId! }, fileOptions(flags, 'geo'));
    source = { table: data.name, key: idCol, layer: layer.table, mode: 'exact' };
    const report = engine.joinReport(source);
    if (report.tableOnly.length) note(`${report.tableOnly.length} Gebiet(e) ohne Geometrie (nicht berechnet): ${report.tableOnly.slice(0, 10).map((x) => x.key).join(', ')}`);
    geometry = true;
  } else {
    const a = await loadAreas(engine, dataFile, idCol, fileOptions(flags, 'data', true));
    source = a.source;
    geometry = a.table.hasGeometry;
  }
  const req: SegregationRequest = {
    source, groups, total, minPopulation: 0, atkinsonB: 0.5, permutations, seed, trend: false, infer: ['dissimilarity'], tolerance,
  };
  const r = await segregationAnalysis(engine, req);
  if (r.missing.length) throw appError('seg.missingValues', { n: r.missing.length, examples: r.missing.slice(0, 5).join(', ') });
  if (r.small.warning) {
    note(`${r.small.count} Gebiet(e) mit weniger als ${r.small.minPopulation} Personen${r.small.unequal ? ', sehr ungleich große Gebiete' : ''} — D ist bei kleinen Einheiten nach oben verzerrt (Permutationstest und Bootstrap mit --permutations).`);
  }

  const single: Record<string, unknown> = {};
  for (const g of r.single) {
    const value = (k: string) => g.rows.find((row) => row.key === k);
    const out: Record<string, unknown> = Object.fromEntries(PRINTED.map((k) => [k, value(k)!.value]));
    if (geometry) out.spatial_dissimilarity = value('spatial_dissimilarity')!.value;
    const d = value('dissimilarity')!;
    if (permutations > 0) {
      out.p_value = d.p;
      out.ci = d.ci;
    }
    single[g.group] = out;
  }
  const { ids } = engine.layerLabels(source.layer);
  return {
    n: r.used,
    single,
    ...(r.multigroup ? { multigroup: r.multigroup } : {}),
    local: ids.map((id, i) => ({
      id,
      location_quotient: Object.fromEntries(groups.map((g, k) => [g, clean(r.lq[k][i])])),
      entropy: clean(r.entropyLocalRaw[i]),
    })),
  };
}
