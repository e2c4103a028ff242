/**
 * `npm run cli -- segregation --data FILE --id COL --group COL [--group COL …] [--total COL]
 * [--geo GEOFILE --geo-id COL] [--permutations N --seed S]` → single-group indices per group
 * (each against unit total − group), multigroup indices (≥ 2 groups; unit total = their sum),
 * location quotients and local entropy (METHODS.md §4). With --permutations: permutation
 * p-value of D and the bias-corrected bootstrap interval of D. With geometry (--geo, or --data
 * itself a geometry file): Morrill's spatial dissimilarity with queen contiguity.
 */
import { contiguity } from '../../lib/analysis/contiguity';
import { projectLocal, type AreaGeometry } from '../../lib/analysis/geometry-rings';
import { locationQuotients, singleGroupIndices } from '../../lib/analysis/segregation';
import { segregationBootstrap, segregationPermutationTest, smallUnitCheck } from '../../lib/analysis/segregationInference';
import { multigroupIndices, multigroupLocal } from '../../lib/analysis/segregationMulti';
import type { Weights } from '../../lib/analysis/weights';
import { flag, parseArgs, requireFlag } from '../args';
import { intFlag, loadTable, requireIds, requireNumbers } from '../load';

async function geometryFor(ids: string[], data: Awaited<ReturnType<typeof loadTable>>, geo?: string, geoId?: string): Promise<AreaGeometry[] | null> {
  if (geo) {
    if (!geoId) throw new Error('Mit --geo wird auch --geo-id gebraucht (die Kennungsspalte der Geometriedatei).');
    const g = await loadTable(geo);
    if (!g.hasGeometry) throw new Error(`„${geo}“ enthält keine Geometrie.`);
    const gids = g.text(geoId);
    const geoms = g.geometry();
    const byId = new Map(gids.map((id, i) => [id, geoms[i]]));
    const missing = ids.filter((id) => !byId.has(id));
    if (missing.length)
      process.stderr.write(`Hinweis: ${missing.length} Gebiet(e) ohne Geometrie (gelten als Inseln): ${missing.slice(0, 10).join(', ')}\n`);
    return ids.map((id) => byId.get(id) ?? []);
  }
  return data.hasGeometry ? data.geometry() : null;
}

export async function run(argv: string[]): Promise<unknown> {
  const { flags } = parseArgs(argv);
  const dataFile = requireFlag(flags, 'data');
  const idCol = requireFlag(flags, 'id');
  const groups = flags.group ?? [];
  if (groups.length === 0) throw new Error('Option --group fehlt (mindestens eine Gruppenspalte).');
  const totalCol = flag(flags, 'total');
  if (groups.length === 1 && !totalCol) throw new Error('Mit nur einer --group wird --total gebraucht (Gruppe gegen Gesamtbevölkerung − Gruppe).');
  const permS = flag(flags, 'permutations');
  const permutations = intFlag(permS, 'permutations', 0);
  const seed = intFlag(flag(flags, 'seed'), 'seed', 12345);

  const data = await loadTable(dataFile);
  const ids = requireIds(data, idCol);
  const x = groups.map((g) => requireNumbers(data, g, ids));
  const groupSum = new Float64Array(ids.length);
  for (const xs of x) xs.forEach((v, i) => (groupSum[i] += v));
  const total = totalCol ? requireNumbers(data, totalCol, ids) : groupSum;
  const over = ids.filter((_, i) => x.some((xs) => xs[i] > total[i]) || x.some((xs) => xs[i] < 0));
  if (over.length) throw new Error(`In ${over.length} Gebiet(en) ist eine Gruppe negativ oder größer als die Gesamtzahl (z. B. ${over.slice(0, 5).join(', ')}).`);

  const geoms = await geometryFor(ids, data, flag(flags, 'geo'), flag(flags, 'geo-id'));
  let w: Weights | undefined;
  if (geoms && geoms.some((g) => g.length > 0)) w = contiguity(projectLocal(geoms), { type: 'queen', tolerance: 0.01 });

  const check = smallUnitCheck(total);
  if (check.warning)
    process.stderr.write(
      `Hinweis: ${check.small.length} Gebiet(e) mit weniger als ${check.minPopulation} Personen${check.unequal ? ', sehr ungleich große Gebiete' : ''} — D ist bei kleinen Einheiten nach oben verzerrt (Permutationstest und Bootstrap mit --permutations).\n`,
    );

  const single: Record<string, unknown> = {};
  groups.forEach((g, k) => {
    const r = singleGroupIndices(x[k], total, { weights: w });
    const out: Record<string, unknown> = {
      dissimilarity: r.dissimilarity,
      gini: r.gini,
      entropy: r.entropy,
      atkinson: r.atkinson,
      isolation: r.isolation,
      exposure: r.exposure,
      correlation_ratio: r.correlation_ratio,
    };
    if (w) out.spatial_dissimilarity = r.spatial_dissimilarity;
    if (permutations > 0) {
      const p = segregationPermutationTest(x[k], total, { permutations, seed });
      const b = segregationBootstrap(x[k], total, { permutations, seed: seed + 1 });
      out.p_value = p.pValue;
      out.ci = b.ci;
    }
    single[g] = out;
  });

  const result: Record<string, unknown> = { n: ids.length, single };
  let local: { entropy: Float64Array; lq: Float64Array[] };
  if (groups.length >= 2) {
    const m = multigroupIndices(x);
    const { excluded: _e, ...indices } = m;
    result.multigroup = indices;
    local = { entropy: multigroupLocal(x).entropy, lq: x.map((xs) => locationQuotients(xs, total)) };
  } else {
    const rest = total.map((v, i) => v - x[0][i]);
    local = { entropy: multigroupLocal([x[0], rest]).entropy, lq: [locationQuotients(x[0], total)] };
  }
  result.local = ids.map((id, i) => ({
    id,
    location_quotient: Object.fromEntries(groups.map((g, k) => [g, Number.isNaN(local.lq[k][i]) ? null : local.lq[k][i]])),
    entropy: Number.isNaN(local.entropy[i]) ? null : local.entropy[i],
  }));
  return result;
}
