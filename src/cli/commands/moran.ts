/**
 * `npm run cli -- moran --data GEOFILE --id COL --var COL [--per COL] [--weights queen|rook|knn:K]
 * [--permutations N --seed S] [--tolerance M]` → global and local Moran's I (METHODS.md §5) with
 * row-standardised weights. `islands` lists the ids of areas without neighbours.
 */
import { localMoran, moranGlobal } from '../../lib/analysis/moran';
import { rowStandardize, weightsSummary } from '../../lib/analysis/weights';
import { flag, parseArgs, requireFlag } from '../args';
import { buildWeights, intFlag, loadTable, requireIds, requireNumbers } from '../load';

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const data = requireFlag(flags, 'data');
  const idCol = requireFlag(flags, 'id');
  const varCol = requireFlag(flags, 'var');
  const perCol = flag(flags, 'per');
  const spec = flag(flags, 'weights') ?? 'queen';
  const permutations = intFlag(flag(flags, 'permutations'), 'permutations', 999);
  const seed = intFlag(flag(flags, 'seed'), 'seed', 12345);
  const tolS = flag(flags, 'tolerance');
  const tolerance = tolS === undefined ? 0.01 : Number(tolS);
  if (!(tolerance >= 0)) throw new Error(`--tolerance muss eine Zahl ≥ 0 (Meter) sein, nicht „${tolS}“.`);

  const t = await loadTable(data);
  if (!t.hasGeometry) throw new Error(`„${data}“ enthält keine Geometrie; für Moran's I wird eine Flächendatei (GeoJSON, Shapefile) gebraucht.`);
  const ids = requireIds(t, idCol);
  let x = requireNumbers(t, varCol, ids);
  if (perCol) {
    const per = requireNumbers(t, perCol, ids);
    const zero = ids.filter((_, i) => !(per[i] > 0));
    if (zero.length) throw new Error(`Spalte „${perCol}“ ist in ${zero.length} Gebiet(en) 0 oder negativ (z. B. ${zero.slice(0, 5).join(', ')}); eine Quote ist dort nicht definiert.`);
    x = x.map((v, i) => v / per[i]);
  }
  if (t.rows < 4) throw new Error(`Moran's I braucht mindestens 4 Gebiete, die Datei hat ${t.rows}.`);
  const w = buildWeights(t.geometry(), spec, tolerance);
  const summary = weightsSummary(w);
  if (summary.links === 0) throw new Error('Kein Gebiet hat Nachbarn; prüfen Sie die Geometrie oder wählen Sie --weights knn:K.');
  if (summary.islands.length)
    process.stderr.write(`Hinweis: ${summary.islands.length} Gebiet(e) ohne Nachbarn (Inseln): ${summary.islands.slice(0, 10).map((i) => ids[i]).join(', ')}\n`);
  const ws = rowStandardize(w);
  const g = moranGlobal(x, ws, { permutations, seed });
  const l = localMoran(x, ws, { permutations, seed });
  return {
    n: t.rows,
    links: summary.links,
    islands: summary.islands.map((i) => ids[i]),
    global: {
      I: g.I,
      expected: g.expected,
      variance_normality: g.varianceNormality,
      variance_randomization: g.varianceRandomization,
      z: g.zNormality,
      p_normal: g.pNormality,
      p_sim: permutations > 0 ? g.pSim : null,
    },
    local: ids.map((id, i) => ({
      id,
      Ii: l.Ii[i],
      p_sim: Number.isNaN(l.pSim[i]) ? null : l.pSim[i],
      cluster: l.cluster[i],
    })),
  };
}
