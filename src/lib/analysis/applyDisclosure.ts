/**
 * Disclosure control for a published table (METHODS.md §6, §8): counts on one or more levels
 * (finest → total), rates built from them, and columns that add up. One pure call gives the values
 * to publish and a mark per cell, so maps, tooltips, tables, charts, exports and the CLI apply the
 * same rule:
 *
 *   applyDisclosure(spec) → per level: counts (NaN where hidden) + marks ('primary' | 'secondary' | null),
 *                           rates (NaN where not shown) + status (official symbol)
 */
import { DEFAULT_DISCLOSURE, DISCLOSURE_SYMBOLS, type DisclosureOptions, type DisclosureStatus } from './disclosure';
import { CELL, isHidden, protectCells, type SumRelation } from './suppression';
import type { Level } from './aggregate';
import { invalid } from '../contract/errors.ts';

/** Why a cell is hidden: small count (primary), protecting another (secondary), or kept secret by the source („·“ in the file). */
export type SuppressionMark = 'primary' | 'secondary' | 'source' | null;

export interface RateSpec {
  name: string;
  /** names of count columns in the spec */
  numerator: string;
  denominator: string;
  scale: number;
}

/** Columns that add up in every area: total = Σ parts. */
export interface ColumnSum {
  total: string;
  parts: string[];
}

export interface DisclosureTableSpec {
  /** finest → coarsest; the last level usually the total ("gesamt"); `parent` links each level to the next */
  levels: readonly Level[];
  /**
   * count columns, values per level (same order as `levels`); NaN = missing. `protect: false` for
   * additive columns that are public (area in km²): summed and usable as a rate's denominator, never hidden.
   * `secret` (per level, 1 = kept secret by the source, see {@link secretUp}): hidden as „· geheim (Quelle)“
   * whatever the switch, and protected by secondary suppression like a primary cell.
   */
  counts: readonly { name: string; values: readonly ArrayLike<number>[]; protect?: boolean; secret?: readonly ArrayLike<number>[] }[];
  rates?: readonly RateSpec[];
  sums?: readonly ColumnSum[];
}

export interface DisclosureSettings extends DisclosureOptions {
  /** false: publish everything as it is (the project switch "Geheimhaltung" off) */
  enabled?: boolean;
  /** solve the relations together (see protectCells); default true */
  audit?: boolean;
  /** (column, level, area) cells to hide in any case, e.g. the union pattern over years */
  forced?: readonly { column: string; level: number; area: number }[];
}

export interface DisclosedColumn {
  name: string;
  /** per level: value to publish, NaN where hidden or missing */
  values: Float64Array[];
  /** per level: why a value is hidden */
  marks: SuppressionMark[][];
  /** per level: status for the symbol (`ok`, `zero`, `secret`, `secondary`, `missing`) */
  status: DisclosureStatus[][];
}

export interface DisclosedRate {
  name: string;
  values: Float64Array[];
  /** per level: `ok`, `zero`, `secret` / `secondary` (a part is hidden), `unreliable`, `missing` */
  status: DisclosureStatus[][];
  marks: SuppressionMark[][];
}

export interface DisclosureResult {
  counts: DisclosedColumn[];
  rates: DisclosedRate[];
  /** small counts hidden (cells kept secret by the source not included) */
  primary: number;
  secondary: number;
  /** cells kept secret by the source („·“ in the imported file) */
  source: number;
  /** hidden cells in relation groups too large to solve together (see docs/disclosure.md) */
  unaudited: number;
  enabled: boolean;
  /** the thresholds that were applied (for method notes) */
  options: Required<DisclosureOptions>;
}

/** Symbol for a status (`·` hidden, `/` unreliable, `–` zero, `x` missing), or null. */
export const symbolOf = (s: DisclosureStatus): string | null => DISCLOSURE_SYMBOLS[s];

const STATUS_OF: Record<number, DisclosureStatus> = {
  [CELL.ok]: 'ok', [CELL.zero]: 'zero', [CELL.primary]: 'secret', [CELL.secondary]: 'secondary', [CELL.missing]: 'missing',
};
const MARK_OF = (c: number): SuppressionMark => (c === CELL.primary ? 'primary' : c === CELL.secondary ? 'secondary' : null);

/**
 * Secrecy flags of the source on every level: an area is secret when any of its parts is (its sum is
 * unknown for the same reason). `finest` has one flag per area of the finest level.
 */
export function secretUp(finest: ArrayLike<number>, levels: readonly Level[]): Uint8Array[] {
  const out = [Uint8Array.from(finest, (x) => (x ? 1 : 0))];
  for (let L = 0; L + 1 < levels.length; L++) {
    const parent = levels[L].parent!;
    const up = new Uint8Array(levels[L + 1].ids.length);
    out[L].forEach((x, a) => x && parent[a] >= 0 && (up[parent[a]] = 1));
    out.push(up);
  }
  return out;
}

/**
 * Sum relations of a level table: each parent = Σ its children (per count column and level), and
 * each column sum in every area. Cells are numbered column-major: `offset[col] + levelOffset[L] + area`.
 */
export function tableRelations(spec: DisclosureTableSpec): { relations: SumRelation[]; cell: (col: number, level: number, area: number) => number; nCells: number } {
  const levelOffset: number[] = [];
  let per = 0;
  for (const l of spec.levels) {
    levelOffset.push(per);
    per += l.ids.length;
  }
  const colIndex = new Map(spec.counts.map((c, i) => [c.name, i]));
  const cell = (col: number, level: number, area: number) => col * per + levelOffset[level] + area;
  const relations: SumRelation[] = [];
  spec.counts.forEach((_, c) => {
    for (let L = 0; L + 1 < spec.levels.length; L++) {
      const parent = spec.levels[L].parent;
      if (!parent) continue;
      const kids: number[][] = Array.from({ length: spec.levels[L + 1].ids.length }, () => []);
      parent.forEach((p, a) => p >= 0 && kids[p].push(a));
      kids.forEach((k, p) => k.length && relations.push({ total: cell(c, L + 1, p), parts: k.map((a) => cell(c, L, a)) }));
    }
  });
  for (const s of spec.sums ?? []) {
    const t = colIndex.get(s.total);
    const parts = s.parts.map((p) => colIndex.get(p));
    if (t === undefined || parts.some((p) => p === undefined)) throw invalid('sum', `${s.total} = ${s.parts.join(' + ')}`);
    spec.levels.forEach((l, L) => {
      for (let a = 0; a < l.ids.length; a++) relations.push({ total: cell(t, L, a), parts: parts.map((p) => cell(p!, L, a)) });
    });
  }
  return { relations, cell, nCells: per * spec.counts.length };
}

/**
 * Primary suppression (counts 1 … minCount − 1), secondary suppression over the hierarchy and the
 * column sums, and the rates that may be shown (numerator and denominator published, denominator
 * ≥ minDenominator, numerator 0 or ≥ minNumerator). With `enabled: false` every value is published.
 * @throws `invalid …` for unknown rate or sum columns or mismatched lengths.
 */
export function applyDisclosure(spec: DisclosureTableSpec, settings: DisclosureSettings = {}): DisclosureResult {
  const o: Required<DisclosureOptions> = {
    minCount: settings.minCount ?? DEFAULT_DISCLOSURE.minCount,
    minDenominator: settings.minDenominator ?? DEFAULT_DISCLOSURE.minDenominator,
    minNumerator: settings.minNumerator ?? DEFAULT_DISCLOSURE.minNumerator,
  };
  for (const [k, v] of Object.entries(o)) if (!(v >= 0) || !Number.isFinite(v)) throw invalid(k, v);
  const enabled = settings.enabled ?? true;
  spec.counts.forEach((c) => {
    if (c.values.length !== spec.levels.length) throw invalid('values', c.name, `${c.values.length} levels, not ${spec.levels.length}`);
    c.values.forEach((v, L) => {
      if (v.length !== spec.levels[L].ids.length) throw invalid('values', c.name, `level ${L}: ${v.length} areas, not ${spec.levels[L].ids.length}`);
    });
  });
  const { relations, cell, nCells } = tableRelations(spec);
  const values = new Float64Array(nCells);
  spec.counts.forEach((c, ci) => c.values.forEach((v, L) => {
    for (let a = 0; a < v.length; a++) values[cell(ci, L, a)] = v[a];
  }));
  const colIndex = new Map(spec.counts.map((c, i) => [c.name, i]));
  const forced = (settings.forced ?? []).map((f) => {
    const ci = colIndex.get(f.column);
    if (ci === undefined) throw invalid('forced', f.column);
    return cell(ci, f.level, f.area);
  });
  const fixed: number[] = [];
  const secret: number[] = [];
  const fromSource = new Uint8Array(nCells);
  spec.counts.forEach((c, ci) => {
    if (c.protect === false) c.values.forEach((v, L) => { for (let a = 0; a < v.length; a++) fixed.push(cell(ci, L, a)); });
    c.secret?.forEach((f, L) => {
      for (let a = 0; a < f.length; a++) if (f[a]) { secret.push(cell(ci, L, a)); fromSource[cell(ci, L, a)] = 1; }
    });
  });
  const prot = enabled
    ? protectCells(values, relations, { minCount: o.minCount, audit: settings.audit, forced, fixed, secret })
    : { status: Uint8Array.from(values, (v, k) => (fromSource[k] ? CELL.primary : Number.isNaN(v) ? CELL.missing : v === 0 ? CELL.zero : CELL.ok)), primary: secret.length, secondary: 0, unaudited: 0 };
  const markOf = (k: number): SuppressionMark => (fromSource[k] ? 'source' : MARK_OF(prot.status[k]));

  const counts: DisclosedColumn[] = spec.counts.map((c, ci) => {
    const out: DisclosedColumn = { name: c.name, values: [], marks: [], status: [] };
    spec.levels.forEach((l, L) => {
      const v = new Float64Array(l.ids.length);
      const marks: SuppressionMark[] = [];
      const status: DisclosureStatus[] = [];
      for (let a = 0; a < l.ids.length; a++) {
        const s = prot.status[cell(ci, L, a)];
        v[a] = isHidden(s) ? NaN : values[cell(ci, L, a)];
        marks.push(markOf(cell(ci, L, a)));
        status.push(STATUS_OF[s]);
      }
      out.values.push(v);
      out.marks.push(marks);
      out.status.push(status);
    });
    return out;
  });

  const rates: DisclosedRate[] = (spec.rates ?? []).map((r) => {
    const ni = colIndex.get(r.numerator);
    const di = colIndex.get(r.denominator);
    if (ni === undefined || di === undefined) throw invalid('rate', `${r.name} = ${r.numerator}/${r.denominator}`);
    if (!Number.isFinite(r.scale)) throw invalid('scale', r.scale);
    const out: DisclosedRate = { name: r.name, values: [], status: [], marks: [] };
    spec.levels.forEach((l, L) => {
      const v = new Float64Array(l.ids.length);
      const status: DisclosureStatus[] = [];
      const marks: SuppressionMark[] = [];
      for (let a = 0; a < l.ids.length; a++) {
        const num = values[cell(ni, L, a)];
        const den = values[cell(di, L, a)];
        const sn = prot.status[cell(ni, L, a)];
        const sd = prot.status[cell(di, L, a)];
        const rate = den > 0 ? (num / den) * r.scale : NaN;
        let st: DisclosureStatus;
        let mark: SuppressionMark = null;
        const src = fromSource[cell(ni, L, a)] || fromSource[cell(di, L, a)];
        if (src) [st, mark] = ['secret', 'source'];
        else if (Number.isNaN(num) || Number.isNaN(den) || !(den > 0)) st = 'missing';
        else if (isHidden(sn) || isHidden(sd)) {
          // a published rate and denominator would give the hidden numerator back
          mark = MARK_OF(isHidden(sn) ? sn : sd);
          st = mark === 'primary' ? 'secret' : 'secondary';
        } else if (!enabled) st = num === 0 ? 'zero' : 'ok';
        else if (den < o.minDenominator) st = 'unreliable';
        else if (num === 0) st = 'zero';
        else if (num < o.minNumerator) st = 'unreliable';
        else st = 'ok';
        v[a] = st === 'ok' || st === 'zero' ? rate : NaN;
        status.push(st);
        marks.push(mark);
      }
      out.values.push(v);
      out.status.push(status);
      out.marks.push(marks);
    });
    return out;
  });
  return { counts, rates, primary: prot.primary - secret.length, secondary: prot.secondary, source: secret.length, unaudited: prot.unaudited, enabled, options: o };
}
