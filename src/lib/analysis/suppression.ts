/**
 * Primary and secondary suppression over a table of cells linked by sum relations
 * (METHODS.md §6 and §8). A sum relation says `total = Σ parts`: a Gemeinde and its
 * Sozialräume, the Kreis and its Gemeinden, or a column and the columns that add up to it
 * (EW = EW_U65 + EW_65PLUS) in one area.
 *
 * Rule: every relation must have no unknown cell or at least two — one unknown alone follows by
 * subtraction. Extra (secondary) cells are chosen greedily with the smallest published value
 * (least information lost). An audit then solves all relations together (Gaussian elimination
 * per connected group of unknowns) and hides further cells while any hidden cell is still
 * determined exactly by a combination of relations. Not covered (documented in
 * docs/disclosure.md): bounds from non-negativity (interval attacks), protection intervals and a
 * cost-optimal pattern as τ-Argus computes them.
 */
import { invalid } from '../contract/errors.ts';

/** Cell status codes (one byte per cell). */
export const CELL = { ok: 0, zero: 1, primary: 2, secondary: 3, missing: 4 } as const;
export type CellCode = (typeof CELL)[keyof typeof CELL];

/** `total = Σ parts`, as cell indices. */
export interface SumRelation {
  total: number;
  parts: readonly number[];
}

export interface ProtectOptions {
  /** counts 1 … minCount − 1 are primary-suppressed (default 3) */
  minCount?: number;
  /** cells to hide in any case (e.g. the pattern of another year published together); marked secondary */
  forced?: Iterable<number>;
  /** cells that are primary although their value is not small (e.g. a dominance rule elsewhere) */
  primary?: Iterable<number>;
  /** cells that are public by nature (areas in km², a published population): never hidden */
  fixed?: Iterable<number>;
  /** cells the source kept secret (value unknown, NaN): primary, so the relations protect them like any secret */
  secret?: Iterable<number>;
  /** solve the relations together and close exact recoveries (default true) */
  audit?: boolean;
  /** largest group of linked unknowns the audit solves (default 600); larger groups are reported */
  maxAuditUnknowns?: number;
}

export interface Protection {
  /** {@link CELL} code per cell */
  status: Uint8Array;
  primary: number;
  secondary: number;
  /** hidden cells still exactly recoverable (only when no cell was left to hide; normally empty) */
  exposed: number[];
  /** hidden cells in groups too large for the audit (only the per-relation rule holds there) */
  unaudited: number;
}

export const isHidden = (s: number): boolean => s === CELL.primary || s === CELL.secondary;
const isUnknown = (s: number): boolean => s === CELL.primary || s === CELL.secondary || s === CELL.missing;

/** Primary status of one count: NaN missing, 0 zero, 0 < c < minCount primary, else ok. */
export function primaryStatus(c: number, minCount = 3): CellCode {
  if (Number.isNaN(c)) return CELL.missing;
  if (c === 0) return CELL.zero;
  if (c > 0 && c < minCount) return CELL.primary;
  return CELL.ok;
}

/** cell → relations containing it, as CSR arrays */
function cellIndex(nCells: number, relations: readonly SumRelation[]): { start: Int32Array; rel: Int32Array } {
  const count = new Int32Array(nCells + 1);
  const members = (r: SumRelation) => [r.total, ...r.parts];
  for (const r of relations) for (const c of members(r)) count[c + 1]++;
  for (let i = 0; i < nCells; i++) count[i + 1] += count[i];
  const fill = count.slice(0, nCells);
  const rel = new Int32Array(count[nCells]);
  relations.forEach((r, k) => {
    for (const c of members(r)) rel[fill[c]++] = k;
  });
  return { start: count, rel };
}

/**
 * Hide cells so that no sum relation has exactly one unknown, then (by default) so that no hidden
 * cell is determined by the relations together. Deterministic: ties go to the lower cell index.
 * @throws `invalid relation: …` for a cell index outside `values`.
 */
export function protectCells(values: ArrayLike<number>, relations: readonly SumRelation[], options: ProtectOptions = {}): Protection {
  const n = values.length;
  const minCount = options.minCount ?? 3;
  if (!(minCount >= 0) || !Number.isFinite(minCount)) throw invalid('minCount', minCount);
  for (const r of relations) {
    for (const c of [r.total, ...r.parts]) if (!Number.isInteger(c) || c < 0 || c >= n) throw invalid('relation', `cell ${c}`);
  }
  const status = new Uint8Array(n);
  const fixed = new Uint8Array(n);
  for (const i of options.fixed ?? []) fixed[i] = 1;
  for (let i = 0; i < n; i++) status[i] = fixed[i] ? primaryStatus(values[i], 0) : primaryStatus(values[i], minCount);
  for (const i of options.primary ?? []) if (status[i] !== CELL.missing && !fixed[i]) status[i] = CELL.primary;
  for (const i of options.secret ?? []) status[i] = CELL.primary;
  for (const i of options.forced ?? []) if (!isUnknown(status[i]) && !fixed[i]) status[i] = CELL.secondary;
  const idx = cellIndex(n, relations);
  const relationsOf = (c: number) => idx.rel.subarray(idx.start[c], idx.start[c + 1]);
  const hide = (c: number, queue: number[]) => {
    status[c] = CELL.secondary;
    for (const k of relationsOf(c)) queue.push(k);
  };

  /** the published cell with the smallest value among `cells` (non-zero first), or −1 */
  const cheapest = (cells: Iterable<number>): number => {
    let best = -1;
    let bestZero = -1;
    for (const c of cells) {
      if (fixed[c]) continue;
      if (status[c] === CELL.ok && (best < 0 || values[c] < values[best] || (values[c] === values[best] && c < best))) best = c;
      if (status[c] === CELL.zero && (bestZero < 0 || c < bestZero)) bestZero = c;
    }
    // a hidden zero protects little (it can only be 0 or small), so it is the last resort
    return best >= 0 ? best : bestZero;
  };

  const settle = (queue: number[]) => {
    while (queue.length) {
      const r = relations[queue.pop()!];
      let hidden = 0;
      let missing = 0;
      for (const c of [r.total, ...r.parts]) {
        if (isHidden(status[c])) hidden++;
        else if (status[c] === CELL.missing) missing++;
      }
      if (hidden !== 1 || missing > 0) continue;
      const c = cheapest([...r.parts, r.total]);
      if (c >= 0) hide(c, queue);
    }
  };
  settle(relations.map((_, k) => k));

  let exposed: number[] = [];
  let unaudited = 0;
  if (options.audit ?? true) {
    const cap = options.maxAuditUnknowns ?? 600;
    const stuck = new Set<number>();
    for (;;) {
      const a = determinedCells(status, relations, idx, cap);
      unaudited = a.unaudited;
      const open = a.determined.filter((c) => !stuck.has(c));
      if (!open.length) break;
      const c = open[0];
      const partners = new Set<number>();
      for (const k of relationsOf(c)) for (const m of [relations[k].total, ...relations[k].parts]) partners.add(m);
      const pick = cheapest(partners);
      if (pick < 0) {
        stuck.add(c);
        continue;
      }
      const queue: number[] = [];
      hide(pick, queue);
      settle(queue);
    }
    exposed = [...stuck];
  }
  let primary = 0;
  let secondary = 0;
  for (let i = 0; i < n; i++) {
    if (status[i] === CELL.primary) primary++;
    else if (status[i] === CELL.secondary) secondary++;
  }
  return { status, primary, secondary, exposed, unaudited };
}

/**
 * Hidden cells whose value follows exactly from the published cells and the relations.
 * Unknowns (hidden or missing cells) are grouped by the relations they share; each group's
 * coefficient matrix (+1 part, −1 total) is brought to reduced row echelon form, and an unknown is
 * determined when a row has no other non-zero entry than its pivot (e_i lies in the row space).
 */
export function determinedCells(
  status: Uint8Array,
  relations: readonly SumRelation[],
  idx = cellIndex(status.length, relations),
  maxUnknowns = 600,
): { determined: number[]; unaudited: number } {
  const n = status.length;
  // union–find over unknown cells linked by a relation
  const parent = new Int32Array(n).map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const r of relations) {
    let first = -1;
    for (const c of [r.total, ...r.parts]) {
      if (!isUnknown(status[c])) continue;
      if (first < 0) first = c;
      else parent[find(c)] = find(first);
    }
  }
  const groups = new Map<number, number[]>();
  for (let c = 0; c < n; c++) {
    if (!isUnknown(status[c]) || idx.start[c] === idx.start[c + 1]) continue;
    const g = find(c);
    let list = groups.get(g);
    if (!list) groups.set(g, (list = []));
    list.push(c);
  }
  const determined: number[] = [];
  let unaudited = 0;
  for (const cells of groups.values()) {
    if (cells.length > maxUnknowns) {
      unaudited += cells.filter((c) => isHidden(status[c])).length;
      continue;
    }
    const col = new Map(cells.map((c, j) => [c, j]));
    const rows: Float64Array[] = [];
    const seen = new Set<number>();
    for (const c of cells) {
      for (const k of idx.rel.subarray(idx.start[c], idx.start[c + 1])) {
        if (seen.has(k)) continue;
        seen.add(k);
        const row = new Float64Array(cells.length);
        const r = relations[k];
        for (const p of r.parts) if (col.has(p)) row[col.get(p)!] += 1;
        if (col.has(r.total)) row[col.get(r.total)!] -= 1;
        rows.push(row);
      }
    }
    for (const j of rref(rows, cells.length)) if (isHidden(status[cells[j]])) determined.push(cells[j]);
  }
  determined.sort((a, b) => a - b);
  return { determined, unaudited };
}

const EPS = 1e-9;

/** Columns whose unit vector lies in the row space of `rows` (RREF with partial pivoting). */
function rref(rows: Float64Array[], m: number): number[] {
  const out: number[] = [];
  let r = 0;
  const pivots: [number, number][] = [];
  for (let j = 0; j < m && r < rows.length; j++) {
    let best = r;
    for (let i = r + 1; i < rows.length; i++) if (Math.abs(rows[i][j]) > Math.abs(rows[best][j])) best = i;
    if (Math.abs(rows[best][j]) < EPS) continue;
    [rows[r], rows[best]] = [rows[best], rows[r]];
    const p = rows[r];
    const inv = 1 / p[j];
    for (let k = j; k < m; k++) p[k] *= inv;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const f = rows[i][j];
      if (Math.abs(f) < EPS) continue;
      const row = rows[i];
      for (let k = j; k < m; k++) row[k] -= f * p[k];
    }
    pivots.push([r, j]);
    r++;
  }
  for (const [i, j] of pivots) {
    const row = rows[i];
    let alone = true;
    for (let k = 0; k < m && alone; k++) if (k !== j && Math.abs(row[k]) > EPS) alone = false;
    if (alone) out.push(j);
  }
  return out;
}

/**
 * True when some relation has exactly one unknown cell that is hidden (what the per-relation rule
 * forbids); used by tests and as a cheap self-check.
 */
export function singleUnknownRelations(status: Uint8Array, relations: readonly SumRelation[]): number[] {
  const bad: number[] = [];
  relations.forEach((r, k) => {
    let unknown = 0;
    let hidden = 0;
    for (const c of [r.total, ...r.parts]) {
      if (isUnknown(status[c])) unknown++;
      if (isHidden(status[c])) hidden++;
    }
    if (unknown === 1 && hidden === 1) bad.push(k);
  });
  return bad;
}
