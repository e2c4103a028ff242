/** Musterstadt: 60 statistical districts in 6 Stadtbezirke, indicator series, service points. */
import { type Pt, type Ring, bestCandidateSeeds, centroid, irregularBoundary, lloyd, pointInRing, signedArea, voronoiCells, bbox } from './geom.ts';
import { Rng, clamp } from './prng.ts';
import { adjacency, buildTessellation, dissolve } from './topology.ts';
import { BEZIRK_NAMES, BERATUNG, KITA_NAMES, SMALL_DISTRICTS, STADTBEZIRKE, STREETS, TRAEGER } from './names.ts';
import { type AreaProfile, type Counts, checkCounts, generateSeries } from './social.ts';

export const STADT_YEARS = [2019, 2020, 2021, 2022, 2023, 2024];
const C: Pt = [400000, 5710000];
const R = 8200;

export interface District {
  id: string;
  name: string;
  sbzId: string;
  sbzName: string;
  ring: Ring;
  areaKm2: number;
  series: Map<number, Counts>;
}

export interface Service {
  id: string;
  name: string;
  typ: 'Kita' | 'Familienzentrum' | 'Beratungsstelle' | 'Jugendzentrum';
  traeger: string;
  plaetze: number;
  adresse: string;
  bezId: string;
  p: Pt;
}

export interface Stadt {
  districts: District[];
  stadtbezirke: { id: string; name: string; rings: Ring[] }[];
  services: Service[];
}

/** Relative coordinates (units of R) of a point. */
const rel = (p: Pt): Pt => [(p[0] - C[0]) / R, (p[1] - C[1]) / R];
const bump = (p: Pt, cx: number, cy: number, s: number) => Math.exp(-((p[0] - cx) ** 2 + (p[1] - cy) ** 2) / (2 * s * s));

/** Latent deprivation: harbour/industrial north-west, inner north, an estate in the east; affluent south. */
function deprivation(q: Pt): number {
  return (
    -0.55 +
    2.3 * bump(q, -0.5, 0.42, 0.24) +
    2.0 * bump(q, 0.06, 0.3, 0.17) +
    1.8 * bump(q, 0.6, -0.08, 0.14) +
    0.5 * bump(q, 0, 0, 0.2) -
    1.4 * bump(q, 0.05, -0.68, 0.32) -
    0.9 * bump(q, -0.6, -0.35, 0.22) +
    0.15 * Math.sin(3.1 * q[0] + 1.3) * Math.cos(2.3 * q[1] - 0.4)
  );
}

function trendField(q: Pt): number {
  return 0.09 * bump(q, 0.6, -0.08, 0.16) + 0.07 * bump(q, 0.08, 0.34, 0.15) - 0.08 * bump(q, -0.05, 0.02, 0.16) - 0.05 * bump(q, -0.38, 0.3, 0.12);
}

function buildGeometry(rng: Rng): { rings: Ring[]; sbzOf: number[]; order: number[] } {
  const boundary = irregularBoundary(rng, C, R, R * 0.88, 120);
  const dist = (p: Pt) => Math.hypot(p[0] - C[0], p[1] - C[1]) / R;
  let seeds = bestCandidateSeeds(rng, boundary, 60, (p) => 0.35 + dist(p));
  seeds = lloyd(seeds, boundary, 1);
  // Stadtbezirke: the 10 most central seeds form Mitte, the rest 5 angular sectors of 10 each.
  const byDist = seeds.map((_, i) => i).sort((a, b) => dist(seeds[a]) - dist(seeds[b]));
  const sbzOf = new Array<number>(60);
  byDist.slice(0, 10).forEach((i) => (sbzOf[i] = 0));
  const start = (-126 * Math.PI) / 180;
  const ang = (i: number) => {
    const a = Math.atan2(seeds[i][1] - C[1], seeds[i][0] - C[0]) - start;
    return ((a % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  };
  const outer = byDist.slice(10).sort((a, b) => ang(a) - ang(b));
  // sector order by angle from south-south-west counter-clockwise: Süd, Ost, Nord, Hafen, West
  const sectorSbz = [4, 5, 1, 2, 3];
  outer.forEach((i, k) => (sbzOf[i] = sectorSbz[Math.floor(k / 10)]));
  const rings = buildTessellation(voronoiCells(seeds, boundary), { snapTol: 0.5, jitterAmp: 0.06, jitterStep: 180 });
  return { rings, sbzOf, order: byDist };
}

function profile(rng: Rng, c: Pt, small: boolean, areaKm2: number): AreaProfile {
  const q = rel(c);
  const r = Math.hypot(q[0], q[1]);
  const d = deprivation(q) + 0.12 * rng.normal();
  const center = bump(q, 0, 0, 0.25);
  const suburb = clamp((r - 0.45) / 0.5, 0, 1) * clamp(1 - d, 0, 1.5) / 1.5 + 0.4 * bump(q, 0.05, -0.68, 0.3);
  const density = 700 + 5200 * bump(q, 0, 0.05, 0.4) + 1400 * clamp(d, 0, 2);
  return {
    d,
    trend: trendField(q) + 0.012 * rng.normal(),
    center,
    suburb: clamp(suburb, 0, 1),
    ew0: small ? rng.uniform(140, 270) : areaKm2 * density,
    growth: small ? 0 : 0.002 + 0.004 * center - 0.003 * clamp(r - 0.6, 0, 1) + 0.002 * rng.normal(),
    uaRate: small ? 0 : clamp(0.006 + 0.003 * d + 0.004 * center + 0.001 * rng.normal(), 0.002, 0.02),
    turkish: clamp(bump(q, -0.5, 0.42, 0.35) + 0.6 * bump(q, 0.06, 0.3, 0.25), 0, 1),
    romanian: clamp(1.2 * bump(q, 0.06, 0.3, 0.17), 0, 1),
    childFactor: 1.55 + 0.12 * rng.normal(),
    pW: 0.507 + 0.006 * rng.normal(),
  };
}

function placeServices(rng: Rng, districts: District[]): Service[] {
  const y = 2024;
  const services: Service[] = [];
  const plan: [Service['typ'], number][] = [['Kita', 42], ['Familienzentrum', 12], ['Beratungsstelle', 13], ['Jugendzentrum', 13]];
  const usedNames = new Set<string>();
  for (const [typ, n] of plan) {
    const weights = districts.map((dd) => {
      const c = dd.series.get(y)!;
      const poverty = c.SGB2 / Math.max(1, c.EW_U65);
      if (typ === 'Kita') return c.EW_U6 * (1.25 - poverty * 1.5); // fewer places where need is highest
      if (typ === 'Familienzentrum') return c.EW_U15 * (0.5 + 2 * poverty);
      if (typ === 'Beratungsstelle') return c.EW * (0.3 + 3 * poverty) * (dd.sbzId === '01' ? 2.5 : 1);
      return (c.EW_6_14 + c.EW_15_17) * (0.6 + 2 * poverty);
    });
    for (let k = 0; k < n; k++) {
      const dd = districts[rng.weighted(weights)];
      const [x0, y0, x1, y1] = bbox(dd.ring);
      let p: Pt = [0, 0];
      do p = [Math.round(rng.uniform(x0, x1) * 10) / 10, Math.round(rng.uniform(y0, y1) * 10) / 10];
      while (!pointInRing(p, dd.ring));
      const traeger = rng.pick(TRAEGER[typ]);
      let name: string;
      let plaetze: number;
      if (typ === 'Kita') {
        do name = `Kita ${rng.pick(KITA_NAMES)}`;
        while (usedNames.has(name) && usedNames.size < KITA_NAMES.length);
        if (usedNames.has(name)) name = `${name} ${dd.name}`;
        plaetze = 5 * rng.int(6, 22);
      } else if (typ === 'Familienzentrum') {
        name = `Familienzentrum ${dd.name}`;
        plaetze = 5 * rng.int(10, 24);
      } else if (typ === 'Beratungsstelle') {
        name = `${rng.pick(BERATUNG)} ${dd.name}`;
        plaetze = 5 * rng.int(2, 12);
      } else {
        name = `Jugendzentrum ${dd.name}`;
        plaetze = 5 * rng.int(5, 16);
      }
      while (usedNames.has(name)) name = `${name} II`;
      usedNames.add(name);
      services.push({
        id: '',
        name,
        typ,
        traeger,
        plaetze,
        adresse: `${rng.pick(STREETS)} ${rng.int(1, 140)}${rng.next() < 0.1 ? rng.pick(['a', 'b']) : ''}`,
        bezId: dd.id,
        p,
      });
    }
  }
  services.sort((a, b) => a.typ.localeCompare(b.typ) || a.bezId.localeCompare(b.bezId) || a.name.localeCompare(b.name, 'de'));
  services.forEach((s, i) => (s.id = `A${String(i + 1).padStart(3, '0')}`));
  return services;
}

/** Most deprived district of a Stadtbezirk gets this name (names are swapped, not invented). */
const HOTSPOT_NAMES: Record<string, string> = { '02': 'Nordmarkt', '03': 'Hafenviertel', '06': 'Neue Heimat' };
const TARGET_EW = 250_000;

export function generateStadt(seed: number): Stadt {
  const rng = new Rng(seed);
  const { rings, sbzOf, order } = buildGeometry(rng);
  const pre: { id: string; name: string; sbz: (typeof STADTBEZIRKE)[number]; ring: Ring; areaKm2: number; prof: AreaProfile }[] = [];
  for (let s = 0; s < 6; s++) {
    const members = order.filter((i) => sbzOf[i] === s); // inner to outer
    const sbz = STADTBEZIRKE[s];
    const names = BEZIRK_NAMES[sbz.id].slice();
    const group = members.map((i, k) => {
      const ring = rings[i];
      const areaKm2 = signedArea(ring) / 1e6;
      const prof = profile(rng, centroid(ring), SMALL_DISTRICTS.has(names[k]), areaKm2);
      return { id: `0${s + 1}${k}`, name: names[k], sbz, ring, areaKm2, prof };
    });
    const hot = HOTSPOT_NAMES[sbz.id];
    if (hot) {
      const worst = group.filter((g) => !SMALL_DISTRICTS.has(g.name)).reduce((a, b) => (b.prof.d > a.prof.d ? b : a));
      const holder = group.find((g) => g.name === hot)!;
      [holder.name, worst.name] = [worst.name, holder.name];
    }
    pre.push(...group);
  }
  // scale residents to ≈ TARGET_EW, keeping every normal district within 600 … 8 600
  for (let it = 0; it < 8; it++) {
    const total = pre.reduce((a, g) => a + g.prof.ew0, 0);
    const f = TARGET_EW / total;
    for (const g of pre) if (!SMALL_DISTRICTS.has(g.name)) g.prof.ew0 = clamp(g.prof.ew0 * f, 600, 8600);
  }
  const districts: District[] = pre.map((g) => ({
    id: g.id,
    name: g.name,
    sbzId: g.sbz.id,
    sbzName: g.sbz.name,
    ring: g.ring,
    areaKm2: g.areaKm2,
    series: generateSeries(rng, g.prof, STADT_YEARS),
  }));
  for (const dd of districts) for (const [y, c] of dd.series) checkCounts(c, `${dd.id} ${y}`);
  const stadtbezirke = STADTBEZIRKE.map((s) => {
    const outline = dissolve(districts.filter((d) => d.sbzId === s.id).map((d) => d.ring));
    if (outline.length !== 1 || signedArea(outline[0]) <= 0) throw new Error(`Stadtbezirk ${s.id} not contiguous`);
    return { id: s.id, name: s.name, rings: outline };
  });
  const services = placeServices(rng, districts);
  return { districts, stadtbezirke, services };
}

export { adjacency };
