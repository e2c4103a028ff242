/** German (or English) sentences about what an import detected: chosen sheet, sums row and its check. */
import { fmtNumber, t } from '../../i18n/index';
import type { Detected, TotalsInfo } from '../ingest/types';

/** One line on the sums row and the columns where it disagrees with the sum over the areas. */
export function totalsSummary(tot: TotalsInfo): { head: string; check: string; diffs: string[] } {
  const head = t('imp.totals', { label: tot.label, where: tot.row ? t('imp.totalsRow', { row: tot.row }) : '' });
  const ok = tot.checks.filter((c) => c.ok).length;
  const n = tot.checks.length;
  const check = n === 0 ? t('imp.totalsNone') : ok === n ? t('imp.totalsAllOk', { n }) : t('imp.totalsSomeOk', { ok, n });
  const diffs = tot.checks
    .filter((c) => !c.ok)
    .map((c) => t('imp.totalsDiff', { column: c.column, sum: fmtNumber(c.sum), stated: fmtNumber(c.stated), diff: fmtNumber(c.stated - c.sum) }));
  return { head, check, diffs };
}

/** Notices after an import: which sheet was read (when there was a choice) and the sums row. */
export function importNotices(d: Detected | undefined): { kind: 'info' | 'warning'; message: string }[] {
  const out: { kind: 'info' | 'warning'; message: string }[] = [];
  if (!d) return out;
  if (d.sheets && d.sheet && d.sheets.length > 1) {
    const why = t(`imp.notice.sheetWhy.${d.sheetReason ?? 'largest'}`);
    out.push({ kind: 'info', message: t('imp.notice.sheet', { sheet: d.sheet, why, others: d.sheets.filter((s) => s !== d.sheet).map((s) => `„${s}“`).join(', ') }) });
  }
  if (d.totals) {
    const s = totalsSummary(d.totals);
    out.push({ kind: s.diffs.length ? 'warning' : 'info', message: t('imp.notice.totals', { label: d.totals.label, check: [s.check, ...s.diffs].join(' ') }) });
  }
  return out;
}
