/** Musterkreis: 8 member towns (Gemeinden) with 3–6 Sozialräume each, indicator series 2020–2024. */
import { type Pt, type Ring, bestCandidateSeeds, centroid, irregularBoundary, lloyd, pointInRing, signedArea, voronoiCells } from './geom.ts';
import { Rng, clamp } from './prng.ts';
import { buildTessellation, dissolve } from './topology.ts';
import { GEMEINDEN, ORTSTEILE } from './names.ts';
import { type Counts, checkCounts, generateSeries } from './social.ts';

export const KREIS_YEARS = [2020, 2021, 2022, 2023, 2024];
/** Fictional Kreis key: Regierungsbezirk Arnsberg (059) has no Kreis 90. */
export const KREIS_ID = '05990';
const C: Pt = [440000, 5685000];

export interface Sozialraum {
  id: string;
  name: string;
  gemId: string;
  gemName: string;
  ring: Ring;
  areaKm2: number;
  series: Map<number, Counts>;
}

export interface Kreis {
  gemeinden: { id: string; name: string; rings: Ring[]; kreisstadt: boolean }[];
  sozialraeume: Sozialraum[];
}

export function generateKreis(seed: number): Kreis {
  const rng = new Rng(seed);
  const boundary = irregularBoundary(rng, C, 18500, 13000, 160);
  const gemSeeds = lloyd(bestCandidateSeeds(rng, boundary, 8, () => 1), boundary, 2);
  const gemCells = voronoiCells(gemSeeds, boundary);
  // Kreisstadt = the town nearest the centre; more Sozialräume for larger towns
  const dC = (p: Pt) => Math.hypot(p[0] - C[0], p[1] - C[1]);
  const kreisstadt = gemSeeds.map((_, i) => i).sort((a, b) => dC(gemSeeds[a]) - dC(gemSeeds[b]))[0];
  const byArea = gemCells.map((_, i) => i).sort((a, b) => signedArea(gemCells[b]) - signedArea(gemCells[a]));
  const counts = new Array<number>(8);
  const quota = [6, 5, 5, 4, 4, 4, 3, 3];
  byArea.filter((i) => i !== kreisstadt).forEach((i, k) => (counts[i] = quota[k + 1]));
  counts[kreisstadt] = quota[0];

  const raw: Ring[] = [];
  const owner: { g: number; kernort: boolean; seed: Pt }[] = [];
  gemCells.forEach((cell, g) => {
    let seeds = bestCandidateSeeds(rng, cell, counts[g], () => 1);
    const relaxed = lloyd(seeds, cell, 2);
    seeds = relaxed.map((p, i) => (pointInRing(p, cell) ? p : seeds[i]));
    // the Kernort is the Sozialraum nearest the town's seed point (its historic centre)
    const kern = seeds.map((_, i) => i).sort((a, b) => Math.hypot(seeds[a][0] - gemSeeds[g][0], seeds[a][1] - gemSeeds[g][1]) - Math.hypot(seeds[b][0] - gemSeeds[g][0], seeds[b][1] - gemSeeds[g][1]))[0];
    voronoiCells(seeds, cell).forEach((r, i) => {
      raw.push(r);
      owner.push({ g, kernort: i === kern, seed: seeds[i] });
    });
  });
  const rings = buildTessellation(raw, { snapTol: 0.5, jitterAmp: 0.05, jitterStep: 300 });

  // IDs: towns numbered west to east like an AGS list; Sozialräume Kernort first, then by distance
  const gemOrder = gemSeeds.map((_, i) => i).sort((a, b) => gemSeeds[a][0] - gemSeeds[b][0]);
  const names = [...GEMEINDEN];
  const ortsteile = rng.shuffle([...ORTSTEILE]);
  const gemId = (g: number) => `${KREIS_ID}${String(4 * (gemOrder.indexOf(g) + 1)).padStart(3, '0')}`;
  const gemName = (g: number) => names[gemOrder.indexOf(g)];
  const sozialraeume: Sozialraum[] = [];
  for (const g of gemOrder) {
    const members = owner.map((o, i) => i).filter((i) => owner[i].g === g);
    members.sort((a, b) => Number(owner[b].kernort) - Number(owner[a].kernort) || Math.hypot(owner[a].seed[0] - gemSeeds[g][0], owner[a].seed[1] - gemSeeds[g][1]) - Math.hypot(owner[b].seed[0] - gemSeeds[g][0], owner[b].seed[1] - gemSeeds[g][1]));
    members.forEach((i, k) => {
      const ring = rings[i];
      const areaKm2 = signedArea(ring) / 1e6;
      const kern = owner[i].kernort;
      const isKs = g === kreisstadt;
      const name = kern ? `${gemName(g)}-Mitte` : k === 1 && isKs ? `${gemName(g)}-Nord` : k === 2 && isKs ? `${gemName(g)}-Süd` : ortsteile.pop()!;
      // latent deprivation: Kreisstadt centre and town centres higher, villages low
      const c = centroid(ring);
      const d = (kern ? (isKs ? 1.3 : 0.35) : isKs && k <= 2 ? 0.5 : -0.9) + 0.25 * Math.sin((c[0] - C[0]) / 9000) + 0.15 * rng.normal();
      const ew0 = kern ? (isKs ? 13500 : rng.uniform(4500, 9000)) : isKs && k <= 2 ? rng.uniform(6000, 9000) : rng.uniform(900, 4200);
      const prof = {
        d,
        trend: (kern && isKs ? 0.05 : 0) + 0.015 * rng.normal(),
        center: kern ? (isKs ? 0.6 : 0.3) : 0,
        suburb: kern ? 0.2 : 0.7,
        ew0,
        growth: kern ? 0.002 : -0.004 + 0.002 * rng.normal(),
        uaRate: clamp(0.007 + 0.003 * d, 0.002, 0.015),
        turkish: kern ? 0.5 : 0.1,
        romanian: kern && isKs ? 0.4 : 0,
        childFactor: 1.5 + 0.1 * rng.normal(),
        pW: 0.505 + 0.005 * rng.normal(),
      };
      const series = generateSeries(rng, prof, KREIS_YEARS);
      for (const [y, cc] of series) checkCounts(cc, `${name} ${y}`);
      sozialraeume.push({ id: `${gemId(g)}${String(k + 1).padStart(2, '0')}`, name, gemId: gemId(g), gemName: gemName(g), ring, areaKm2, series });
    });
  }
  const gemeinden = gemOrder.map((g) => {
    const outline = dissolve(sozialraeume.filter((s) => s.gemId === gemId(g)).map((s) => s.ring));
    if (outline.length !== 1 || signedArea(outline[0]) <= 0) throw new Error(`Gemeinde ${gemName(g)} not one polygon`);
    return { id: gemId(g), name: gemName(g), rings: outline, kreisstadt: g === kreisstadt };
  });
  return { gemeinden, sozialraeume };
}
