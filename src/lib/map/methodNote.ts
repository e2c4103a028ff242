/**
 * The method note of the Sozialindex: a plain-language summary of every active setting
 * (METHODS.md §2, §6), for the workspace and the report's method chapter.
 */
import type { IndexRun, IndicatorSpec, RobustnessResult, TypologyResult } from '../contract';
import type { DisclosureOptions } from '../analysis/disclosure';
import { fmtNumber, t } from '../../i18n/index';

/** Used by the workspace and by reports (src/lib/engine/report.ts). */
export function methodNote(
  run: IndexRun, indicators: IndicatorSpec[], o: {
    population: string | null; outliers: string[]; disclosure: Required<DisclosureOptions>; grouped: boolean;
    typology?: TypologyResult | null; robustness?: RobustnessResult | null;
  },
): string {
  const b = run.base, s = b.settings;
  const lines: string[] = [];
  lines.push(t('ix.note.head', { preset: t(`ix.preset.${run.preset}`), year: run.year || '–' }));
  lines.push(t('ix.note.indicators', { n: indicators.length }));
  indicators.forEach((ind, j) => {
    const formula = ind.denominator ? `${ind.numerator} / ${ind.denominator} × ${fmtNumber(ind.scale ?? 100)}` : ind.numerator;
    lines.push(t('ix.note.indicator', {
      name: ind.name, formula, unit: ind.unit ?? '', bereich: ind.lebensbereich ?? '–',
      pol: ind.polarity === 1 ? t('ix.ind.pol.plus') : t('ix.ind.pol.minus'), w: fmtNumber(100 * b.weights[j], 1),
    }));
  });
  if (o.grouped) lines.push(t('ix.note.grouped'));
  if (run.preset === 'status_dynamik' && run.status) {
    lines.push(t('ix.note.status', { breaks: s.breaks.map((x) => fmtNumber(x)).join(' / ') }));
    lines.push(t('ix.note.dynamics', { from: run.status.from, to: run.year }));
  } else if (run.preset === 'pca') lines.push(t('ix.note.pca'));
  else lines.push(t(`ix.note.std.${s.standardization}`));
  lines.push(s.sd === 'sample' ? t('ix.note.sdSample') : t('ix.note.sdPopulation'));
  if (run.preset === 'z_summe') lines.push(t('ix.note.zsum'));
  else if (run.preset !== 'pca') lines.push(t('ix.note.score'));
  if (run.preset === 'dezile') lines.push(t('ix.note.deciles'));
  else if (run.preset !== 'status_dynamik') lines.push(t(s.classMethod === 'sd' ? 'ix.note.classesSd' : 'ix.note.classesScore', { breaks: s.breaks.map((x) => fmtNumber(x)).join(' / ') }));
  const nValid = b.valid.reduce((a, v) => a + v, 0), nScored = b.rank.reduce((a, r) => a + (r > 0 ? 1 : 0), 0);
  lines.push(o.population ? t('ix.note.minPop', { min: fmtNumber(s.minPopulation), col: o.population }) : t('ix.note.noPop'));
  if (o.outliers.length) lines.push(t('ix.note.outliers', { ids: o.outliers.join(', ') }));
  lines.push(t('ix.note.counts', { all: b.ids.length, valid: nValid, scored: nScored }));
  lines.push(t('ix.note.disclosure', { c: o.disclosure.minCount, n: o.disclosure.minNumerator, d: o.disclosure.minDenominator }));
  if (o.typology) lines.push(t('ix.note.typology', { method: t(`ix.typ.${o.typology.method}`), k: o.typology.k }));
  if (o.robustness) lines.push(t('ix.note.robustness', { runs: o.robustness.runs, a: fmtNumber(o.robustness.concentration), alpha: fmtNumber(o.robustness.cronbachAlpha, 2) }));
  return lines.join('\n');
}
