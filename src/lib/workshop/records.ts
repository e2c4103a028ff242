/**
 * Workshop records (Werkstattgespräch, issue 13): what participants say about each area when the
 * data are discussed on site — „Decken sich die Ergebnisse mit den Wahrnehmungen vor Ort? Welche
 * Zielgruppen? Was gibt es bereits? Was fehlt ganz konkret? Wer kann was einbringen?“ Pure model:
 * records keyed by area id, the comparison with the index class, the cross table and export rows.
 * User-entered text is the data here (nothing can be recomputed), so it is kept as typed.
 */

/** Agreement of local perception with the data for an area. */
export const FITS = ['passt', 'passt_nicht', 'unklar'] as const;
export type Fit = (typeof FITS)[number];

export interface WorkshopRecord {
  fit: Fit | null;
  notes: string;
  targetGroups: string;
  existing: string;
  missing: string;
  contributors: string;
  /** ISO date-time of the last change */
  updated: string;
}

/** The text fields, in form and export order. */
export const TEXT_FIELDS = ['targetGroups', 'existing', 'missing', 'contributors', 'notes'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export function emptyRecord(): WorkshopRecord {
  return { fit: null, notes: '', targetGroups: '', existing: '', missing: '', contributors: '', updated: '' };
}

/** True when nothing was entered (such records are not kept). */
export function isEmpty(r: WorkshopRecord): boolean {
  return r.fit === null && TEXT_FIELDS.every((f) => r[f].trim() === '');
}

/**
 * Parse saved records (project file, autosave): keeps known fields with the right types, drops
 * unknown fits and empty records. Never throws on foreign input.
 */
export function sanitizeRecords(input: unknown): Record<string, WorkshopRecord> {
  const out: Record<string, WorkshopRecord> = {};
  if (!input || typeof input !== 'object') return out;
  for (const [id, raw] of Object.entries(input as Record<string, unknown>)) {
    if (!raw || typeof raw !== 'object') continue;
    const r = raw as Record<string, unknown>;
    const rec = emptyRecord();
    rec.fit = FITS.includes(r.fit as Fit) ? (r.fit as Fit) : null;
    for (const f of TEXT_FIELDS) rec[f] = typeof r[f] === 'string' ? (r[f] as string) : '';
    rec.updated = typeof r.updated === 'string' ? r.updated : '';
    if (!isEmpty(rec)) out[id] = rec;
  }
  return out;
}

/** How an area's record relates to its index class. */
export type Agreement = 'agree' | 'disagree' | 'unclear' | 'open';

/** Okabe–Ito colours (colour-blind safe): passt = blue, passt nicht = vermillion, unklar = yellow, offen = grey. */
export const AGREEMENT_COLORS: Record<Agreement, [number, number, number]> = {
  agree: [0, 114, 178],
  disagree: [213, 94, 0],
  unclear: [240, 228, 66],
  open: [200, 200, 200],
};
export const AGREEMENT_ORDER: readonly Agreement[] = ['agree', 'disagree', 'unclear', 'open'];

/** `agree` for „passt“, `disagree` for „passt nicht“, `unclear`, or `open` (no verdict yet). */
export function agreementOf(r: WorkshopRecord | undefined): Agreement {
  if (!r?.fit) return 'open';
  return r.fit === 'passt' ? 'agree' : r.fit === 'passt_nicht' ? 'disagree' : 'unclear';
}

/** Cross table of index class (rows 0…k−1, plus a last row for areas without a class) × agreement. */
export interface CrossTable {
  rows: { classIndex: number; counts: Record<Agreement, number> }[];
  total: Record<Agreement, number>;
}

const zero = (): Record<Agreement, number> => ({ agree: 0, disagree: 0, unclear: 0, open: 0 });

/**
 * Count areas per index class and agreement. `classOf[i]` is the 0-based class of area `ids[i]`
 * (−1 = none), `k` the number of classes.
 */
export function crossTable(ids: readonly string[], classOf: ArrayLike<number>, k: number, records: Record<string, WorkshopRecord>): CrossTable {
  const rows = Array.from({ length: k + 1 }, (_, c) => ({ classIndex: c < k ? c : -1, counts: zero() }));
  const total = zero();
  ids.forEach((id, i) => {
    const a = agreementOf(records[id]);
    const c = classOf[i];
    const row = c >= 0 && c < k ? rows[c] : rows[k];
    row.counts[a]++;
    total[a]++;
  });
  return { rows: rows.filter((r) => r.classIndex >= 0 || Object.values(r.counts).some((n) => n > 0)), total };
}

/**
 * Areas where data and local perception disagree, most pressing first: „passt nicht“ in the
 * highest index classes (the data see great need, people on site do not) and in the lowest
 * (people see need the data miss) before the middle ones.
 */
export function disagreements(ids: readonly string[], names: readonly string[], classOf: ArrayLike<number>, k: number, records: Record<string, WorkshopRecord>): { index: number; id: string; name: string; classIndex: number }[] {
  const out = ids.flatMap((id, i) => (records[id]?.fit === 'passt_nicht' ? [{ index: i, id, name: names[i], classIndex: classOf[i] }] : []));
  const mid = (k - 1) / 2;
  const weight = (c: number) => (c < 0 ? -1 : Math.abs(c - mid));
  return out.sort((a, b) => weight(b.classIndex) - weight(a.classIndex) || a.name.localeCompare(b.name, 'de'));
}

/** Export rows: one per area with a record, in the given area order. */
export function exportRows(
  ids: readonly string[],
  names: readonly string[],
  classLabel: (i: number) => string,
  fitLabel: (f: Fit | null) => string,
  records: Record<string, WorkshopRecord>,
): string[][] {
  return ids.flatMap((id, i) => {
    const r = records[id];
    if (!r) return [];
    return [[id, names[i], classLabel(i), fitLabel(r.fit), ...TEXT_FIELDS.map((f) => r[f]), r.updated.slice(0, 10)]];
  });
}
