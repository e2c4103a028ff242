/**
 * Coordinates of point tables (services, address points, Zensus grid cells): which columns
 * hold them and in which CRS they are (METHODS.md §7). Detection by value ranges for Germany:
 * WGS84/ETRS89 degrees, ETRS89/UTM 32N and 33N (also with the zone prefix „32“ before the
 * easting, as ALKIS exports write it), Gauß-Krüger zones 2–3 and ETRS89-LAEA (Zensus grid).
 * UTM 32 and 33 share their number ranges; 32 (NRW) is assumed and the UI lets users change it.
 */

/** Why a row's coordinates cannot be used. */
export type CoordProblem = 'missing' | 'not_numeric' | 'zero' | 'out_of_range';

export interface CrsGuess {
  /** 'EPSG:4326', 'EPSG:25832', … or null when the values fit no known system */
  crs: string | null;
  /** x and y hold latitude and longitude the wrong way round */
  swapped: boolean;
  /** subtract this from x first (UTM zone prefix: 32 000 000) */
  xOffset: number;
  /** rows whose values fit the guessed system */
  fitting: number;
  /** rows with two finite numbers */
  numeric: number;
}

interface Range {
  crs: string;
  x: [number, number];
  y: [number, number];
  xOffset?: number;
  swapped?: boolean;
}

/** Germany with a margin, in each system (order = preference when ranges overlap). */
const RANGES: Range[] = [
  { crs: 'EPSG:4326', x: [4.5, 16.5], y: [46.5, 56] },
  { crs: 'EPSG:4326', x: [46.5, 56], y: [4.5, 16.5], swapped: true },
  { crs: 'EPSG:25832', x: [200_000, 1_000_000], y: [5_150_000, 6_150_000] },
  { crs: 'EPSG:25832', x: [32_200_000, 33_000_000], y: [5_150_000, 6_150_000], xOffset: 32_000_000 },
  { crs: 'EPSG:25833', x: [33_000_000, 33_900_000], y: [5_150_000, 6_150_000], xOffset: 33_000_000 },
  // same numbers as zone 32 without prefix: only chosen explicitly (zone 32 comes first on ties)
  { crs: 'EPSG:25833', x: [200_000, 1_000_000], y: [5_150_000, 6_150_000] },
  { crs: 'EPSG:31466', x: [2_300_000, 2_800_000], y: [5_150_000, 6_150_000] },
  { crs: 'EPSG:31467', x: [3_200_000, 3_800_000], y: [5_150_000, 6_150_000] },
  { crs: 'EPSG:3035', x: [3_900_000, 4_800_000], y: [2_600_000, 3_600_000] },
];

const inR = (v: number, r: [number, number]) => v >= r[0] && v <= r[1];

/** Whether (x, y) fits the guessed system. */
export function fitsGuess(g: Pick<CrsGuess, 'crs' | 'swapped' | 'xOffset'>, x: number, y: number): boolean {
  if (g.crs && !RANGES.some((q) => q.crs === g.crs)) return Number.isFinite(x) && Number.isFinite(y);
  const r = RANGES.find((q) => q.crs === g.crs && !!q.swapped === g.swapped && (q.xOffset ?? 0) === g.xOffset);
  return !!r && inR(x, r.x) && inR(y, r.y);
}

/**
 * The system most rows fit (ties: the order of {@link RANGES}); null when none fits half of them.
 * With `crs` given, only the variants of that system are considered (prefix, swapped axes).
 */
export function guessPointCrs(xs: ArrayLike<number>, ys: ArrayLike<number>, crs?: string): CrsGuess {
  let numeric = 0;
  const hits = new Array<number>(RANGES.length).fill(0);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i], y = ys[i];
    if (!Number.isFinite(x) || !Number.isFinite(y) || (x === 0 && y === 0)) continue;
    numeric++;
    RANGES.forEach((r, k) => {
      if ((!crs || r.crs === crs) && inR(x, r.x) && inR(y, r.y)) hits[k]++;
    });
  }
  let best = -1;
  hits.forEach((h, k) => {
    if (h > 0 && (best < 0 || h > hits[best])) best = k;
  });
  if (best < 0 || hits[best] * 2 < numeric) return { crs: null, swapped: false, xOffset: 0, fitting: best < 0 ? 0 : hits[best], numeric };
  const r = RANGES[best];
  return { crs: r.crs, swapped: !!r.swapped, xOffset: r.xOffset ?? 0, fitting: hits[best], numeric };
}

/** Problem of one row, or null when it can be used (`fits` checks the range of the chosen CRS). */
export function coordProblem(x: number, y: number, rawMissing: boolean, fits: (x: number, y: number) => boolean): CoordProblem | null {
  if (rawMissing) return 'missing';
  if (!Number.isFinite(x) || !Number.isFinite(y)) return 'not_numeric';
  if (x === 0 && y === 0) return 'zero';
  return fits(x, y) ? null : 'out_of_range';
}

const X_NAMES = [/^(rechtswert|rw|x|x_?koord(inate)?|x_?coord(inate)?|ost(wert)?|easting|e|utm_?e|x_?mp(_\d+m)?|x_?utm|koord_?x)$/i, /^(lon|lng|long|longitude|l(ae|ä)nge|laengengrad|längengrad)$/i];
const Y_NAMES = [/^(hochwert|hw|y|y_?koord(inate)?|y_?coord(inate)?|nord(wert)?|northing|n|utm_?n|y_?mp(_\d+m)?|y_?utm|koord_?y)$/i, /^(lat|latitude|breite|breitengrad)$/i];

/** Guesses the x/y columns from their names (Rechtswert/Hochwert, x/y, lon/lat, x_mp_100m …). */
export function guessCoordinateColumns(names: readonly string[]): { x?: string; y?: string } {
  for (let k = 0; k < X_NAMES.length; k++) {
    const x = names.find((n) => X_NAMES[k].test(n.trim()));
    const y = names.find((n) => Y_NAMES[k].test(n.trim()));
    if (x && y) return { x, y };
  }
  return {};
}

/** Column guesses for a service table (first name that matches; undefined when none does). */
export function guessServiceColumns(names: readonly string[]): { id?: string; name?: string; category?: string; capacity?: string; target?: string } {
  const pick = (...res: RegExp[]) => {
    for (const re of res) {
      const n = names.find((c) => re.test(c.trim()));
      if (n) return n;
    }
    return undefined;
  };
  return {
    id: pick(/^(id|nr|nummer|kennung|angebot_?id|einrichtung_?id|objekt_?id|fid)$/i, /(^|_)id$/i),
    name: pick(/^(name|bezeichnung|einrichtung|titel|angebot)$/i, /name/i),
    category: pick(/^(typ|art|kategorie|category|type|bereich|angebotsart|einrichtungsart)$/i, /(typ|art|kategorie)/i),
    capacity: pick(/^(plaetze|plätze|kapazitaet|kapazität|capacity|places|betreuungsplaetze|betreuungsplätze)$/i, /(plaetze|plätze|kapazit)/i),
    target: pick(/^(zielgruppe|target|target_?group|alter|altersgruppe)$/i, /zielgruppe/i),
  };
}

/** Zensus grid columns (x_mp_100m / y_mp_100m, Gitter_ID_100m) mark demand from grid cells. */
export function looksLikeGrid(names: readonly string[]): boolean {
  return names.some((n) => /^(x|y)_?mp_?\d+m$/i.test(n) || /^gitter_?id/i.test(n));
}
