/**
 * Builders of the Sozialindex maps shown through `map.showCustom` (score, class, status ×
 * dynamics, type, class certainty, year): classes, colours and legend labels per area.
 */
import type { CustomMap } from './custom';
import { presetDef, type ExclusionCode, type IndexRun, type RobustnessResult, type TimeSeriesResult, type TypologyResult } from '../contract';
import { BIVARIATE_4X3, paletteColors, type RGB } from './palettes';
import { classify } from '../analysis/classify';
import { fmtNumber, t, type Lang } from '../../i18n/index';

export type IndexMapView = 'score' | 'class' | 'bivariate' | 'type' | 'certainty' | 'year';

/** Distinct, colour-blind-aware colours for types (Okabe–Ito order). */
export const TYPE_COLORS: RGB[] = [
  [0, 114, 178], [230, 159, 0], [0, 158, 115], [204, 121, 167], [86, 180, 233], [213, 94, 0], [240, 228, 66], [0, 0, 0], [153, 153, 153], [120, 70, 160],
];

/** An exclusion code in the reader's language (`ix.excl.<code>`; `min`: the minimum population), or '' for none. */
export function exclusionCodeLabel(code: ExclusionCode | null | undefined, min: number, lang?: Lang): string {
  return code ? t(`ix.excl.${code}`, { min }, lang) : '';
}

/** Why area `i` is flagged, in the reader's language (`ix.excl.<code>`), or '' when it is not. */
export function exclusionLabel(run: Pick<IndexRun, 'base'>, i: number, lang?: Lang): string {
  return exclusionCodeLabel(run.base.excluded[i], run.base.settings.minPopulation, lang);
}

/**
 * The longer explanation of an exclusion code: the reasons secret at the source have one (the maps' tooltip
 * text; the population's names the population).
 */
export function exclusionCodeTitle(code: ExclusionCode | null | undefined, lang?: Lang): string | undefined {
  return code === 'sourceSecret' ? t('disclosure.status.source', {}, lang) : code === 'populationSecret' ? t('ix.excl.populationSecret.title', {}, lang) : undefined;
}

/** The longer explanation of area `i`'s flag, for its title (see {@link exclusionCodeTitle}). */
export function exclusionTitle(run: Pick<IndexRun, 'base'>, i: number, lang?: Lang): string | undefined {
  return exclusionCodeTitle(run.base.excluded[i], lang);
}

/** Why an area with a status class has no dynamics class („Startwert 2022 · geheim (Quelle)“), or ''. */
export function dynamicsReasonLabel(run: Pick<IndexRun, 'status'>, i: number, lang?: Lang): string {
  const code = run.status?.dynamicsExcluded[i];
  return code ? t(`ix.dynx.${code}`, { from: run.status!.from }, lang) : '';
}

/** The longer explanation of {@link dynamicsReasonLabel}, for its title. */
export function dynamicsReasonTitle(run: Pick<IndexRun, 'status' | 'year'>, i: number, lang?: Lang): string | undefined {
  const code = run.status?.dynamicsExcluded[i];
  return code ? t(`ix.dynx.${code}.title`, { from: run.status!.from, to: run.year }, lang) : undefined;
}

/** Legend labels of index classes: bounds on the re-standardised score, or deciles. */
export function classLabels(run: IndexRun): string[] {
  if (presetDef(run.preset).deciles) return Array.from({ length: 10 }, (_, d) => t('ix.decile', { d: d + 1 }));
  if (run.status && presetDef(run.preset).needsYears) return [0, 1, 2, 3].map((s) => t(`ix.status.${s + 1}`));
  const b = run.base.settings.breaks;
  const unit = run.base.settings.classMethod === 'sd' ? t('ix.class.sd') : '';
  return Array.from({ length: b.length + 1 }, (_, c) =>
    c === 0 ? t('ix.class.below', { b: fmtNumber(b[0]) + unit })
      : c === b.length ? t('ix.class.above', { b: fmtNumber(b[c - 1]) + unit })
        : t('ix.class.between', { a: fmtNumber(b[c - 1]), b: fmtNumber(b[c]) + unit }));
}

function classMap(title: string, values: Float64Array, classes: Int32Array, colors: RGB[], labels: string[]): CustomMap {
  return { title, values, classOf: Int16Array.from(classes, (c) => c - 1), colors, labels, valueLabel: t('value.indexScore') };
}

/** What a view needs besides the run: derived results (the time series knows each year's reasons itself). */
export interface IndexMapExtra {
  typology?: TypologyResult | null;
  robustness?: RobustnessResult | null;
  series?: TimeSeriesResult | null;
  seriesYear?: number;
}

/** Index of the year the year view shows (default and upper bound: the latest). */
function seriesIndex(ts: TimeSeriesResult, seriesYear: number | undefined): number {
  return Math.min(ts.years.length - 1, seriesYear ?? ts.years.length - 1);
}

/**
 * Per area, why its class in `view` may be missing because the source kept a value secret, as the reason's
 * words (the tooltip's and the map table's title); null elsewhere, and null when there is none. The engine
 * decides (`exclusionCodes`), so map and table agree: the run's codes (`sourceSecret`, `populationSecret`; for
 * status × dynamics also a start value secret at the source), for the year view the codes of the year shown.
 */
function sourceReasonsOfView(view: IndexMapView, run: IndexRun, extra: IndexMapExtra): (string | null)[] | null {
  const ts = view === 'year' ? extra.series : null;
  if (view === 'year' && !ts) return null;
  const codes = ts ? ts.excluded[seriesIndex(ts, extra.seriesYear)] : run.base.excluded;
  const dyn = view === 'bivariate' ? run.status?.dynamicsExcluded : undefined;
  const out = codes.map((e, i) => exclusionCodeTitle(e) ?? (dyn?.[i] === 'startSecret' ? dynamicsReasonTitle(run, i)! : null));
  return out.some(Boolean) ? out : null;
}

/**
 * The map of one view, or null when its result is not computed yet. An area without a class because
 * one of its values was secret at the source is marked so (`disclosure`: secret, mark `source`): the
 * legend, the map table and the tooltip say „· geheim (Quelle)“ with the reason, not „keine Angabe“.
 */
export function buildIndexMap(view: IndexMapView, run: IndexRun, extra: IndexMapExtra): CustomMap | null {
  const m = viewMap(view, run, extra);
  const reasons = m && sourceReasonsOfView(view, run, extra);
  if (!m || !reasons || reasons.length !== m.classOf.length) return m;
  const hidden = (i: number) => !!reasons[i] && m.classOf[i] < 0;
  if (!m.classOf.some((_, i) => hidden(i))) return m;
  return {
    ...m,
    disclosure: {
      status: Array.from(m.classOf, (_, i) => (hidden(i) ? 'secret' : 'ok')),
      marks: Array.from(m.classOf, (_, i) => (hidden(i) ? 'source' : null)),
      reasons: Array.from(m.classOf, (_, i) => (hidden(i) ? reasons[i] : null)),
    },
  };
}

function viewMap(view: IndexMapView, run: IndexRun, extra: IndexMapExtra): CustomMap | null {
  const b = run.base;
  const yearNote = run.year ? ` ${run.year}` : '';
  if (view === 'class') {
    const labels = classLabels(run);
    return classMap(t('ix.map.class') + yearNote, b.score, b.classes, paletteColors('YlOrRd', labels.length), labels);
  }
  if (view === 'score') {
    const c = classify(b.score, 'quantile', 5);
    return { title: t('ix.map.score') + yearNote, values: b.score, classOf: c.classOf, colors: paletteColors('YlOrRd', Math.max(1, c.breaks.length - 1)), breaks: c.breaks, valueLabel: t('value.indexScore') };
  }
  if (view === 'bivariate') {
    if (!run.status) return null;
    const colors = [0, 1, 2, 3].flatMap((s) => [0, 1, 2].map((d) => BIVARIATE_4X3[s][d] as RGB));
    const labels = [0, 1, 2, 3].flatMap((s) => [0, 1, 2].map((d) => `${t(`ix.status.${s + 1}`)} / ${t(`ix.dyn.${d + 1}`)}`));
    return classMap(t('ix.map.bivariate', { from: run.status.from, to: run.year }), b.score, run.status.group, colors, labels);
  }
  if (view === 'type') {
    const ty = extra.typology;
    if (!ty) return null;
    return classMap(t('ix.map.type', { k: ty.k }), b.score, ty.labels, TYPE_COLORS.slice(0, ty.k), Array.from({ length: ty.k }, (_, c) => t('ix.type', { c: c + 1 })));
  }
  if (view === 'certainty') {
    const rb = extra.robustness;
    if (!rb) return null;
    const bounds = [0.5, 0.7, 0.9];
    const classOf = Int16Array.from(rb.ownClassProb, (p) => (Number.isNaN(p) ? -1 : bounds.filter((x) => p >= x).length));
    const labels = [t('ix.cert.0'), t('ix.cert.1'), t('ix.cert.2'), t('ix.cert.3')];
    return { title: t('ix.map.certainty', { runs: rb.runs }), values: rb.ownClassProb, classOf, colors: paletteColors('Blues', 4), labels, valueLabel: t('value.certainty') };
  }
  const ts = extra.series;
  if (!ts) return null;
  const q = seriesIndex(ts, extra.seriesYear);
  const labels = classLabels({ ...run, preset: 'standard' });
  return classMap(t('ix.map.year', { year: ts.years[q] }), ts.score[q], ts.classes[q], paletteColors('YlOrRd', labels.length), labels);
}
