/**
 * Custom maps of the segregation and spatial workspaces (issue 4): classes, colours and
 * legend labels for `MapState.showCustom`. Pure; small arrays (one value per area).
 */
import { classify } from '../analysis/classify';
import { paletteColors, type RGB } from './palettes';
import type { CustomMap } from './custom';
import { fmtNumber, t } from '../../i18n/index';

/** GeoDa LISA colours: ns grey, HH red, LH light blue, LL blue, HL light red, island dark grey. */
export const LISA_COLORS: RGB[] = [
  [238, 238, 238],
  [255, 0, 0],
  [167, 173, 249],
  [0, 0, 255],
  [244, 173, 168],
  [70, 70, 70],
];
/** cluster codes as in `MoranResponse.cluster`: 0 ns, 1 HH, 2 LH, 3 LL, 4 HL, 5 island */
export const LISA_KEYS = ['ns', 'HH', 'LH', 'LL', 'HL', 'island'] as const;

/** Legend order HH, LL, LH, HL, ns (+ islands when present). */
export function lisaMap(title: string, cluster: Uint8Array, values: Float64Array): CustomMap {
  const order = [1, 3, 2, 4, 0, 5];
  const hasIsland = cluster.includes(5);
  const used = hasIsland ? order : order.slice(0, 5);
  const classOf = Int16Array.from(cluster, (c) => used.indexOf(c));
  return { title, values, classOf, colors: used.map((c) => LISA_COLORS[c]), labels: used.map((c) => t(`sp.cluster.${LISA_KEYS[c]}`)), valueLabel: t('value.localMoran') };
}

const SIG_COLORS: RGB[] = [[1, 100, 0], [60, 170, 60], [160, 220, 140], [238, 238, 238]];

/** Significance map of pseudo p-values: ≤ 0.001, ≤ 0.01, ≤ 0.05, not significant (GeoDa greens). */
export function significanceMap(title: string, p: Float64Array, significant: Uint8Array): CustomMap {
  const classOf = Int16Array.from(p, (v, i) => (Number.isNaN(v) ? -1 : !significant[i] ? 3 : v <= 0.001 ? 0 : v <= 0.01 ? 1 : 2));
  return { title, values: p, classOf, colors: SIG_COLORS, valueLabel: t('value.pseudoP'), labels: [0.001, 0.01, 0.05].map((a) => `p ≤ ${fmtNumber(a)}`).concat(t('sp.cluster.ns')) };
}

const HOT_COLD: RGB[] = [[178, 24, 43], [239, 138, 98], [253, 219, 199], [238, 238, 238], [209, 229, 240], [103, 169, 207], [33, 102, 172]];

/** Getis–Ord G_i* hot/cold spots at 99/95/90 % confidence (two-sided normal p). */
export function hotSpotMap(title: string, z: Float64Array, p: Float64Array): CustomMap {
  const classOf = Int16Array.from(z, (v, i) => {
    if (Number.isNaN(v)) return -1;
    const level = p[i] <= 0.01 ? 0 : p[i] <= 0.05 ? 1 : p[i] <= 0.1 ? 2 : 3;
    return level === 3 ? 3 : v > 0 ? level : 6 - level;
  });
  const labels = ['hot99', 'hot95', 'hot90', 'ns', 'cold90', 'cold95', 'cold99'].map((k) => t(`sp.gstar.${k}`));
  return { title, values: z, classOf, colors: HOT_COLD, labels, valueLabel: t('value.gstar') };
}

/** Location quotients around 1 on a diverging scale (< 0.5 … ≥ 2, symmetric in log). */
export function lqMap(title: string, lq: Float64Array): CustomMap {
  const bounds = [0.5, 0.8, 1.25, 2];
  const classOf = Int16Array.from(lq, (v) => (Number.isNaN(v) ? -1 : bounds.filter((b) => v >= b).length));
  const colors = paletteColors('RdBu', 5, true);
  const f = (x: number) => fmtNumber(x, 2);
  const labels = [`< ${f(0.5)}`, `${f(0.5)} – ${f(0.8)}`, `${f(0.8)} – ${f(1.25)} ${t('seg.lq.average')}`, `${f(1.25)} – ${f(2)}`, `≥ ${f(2)}`];
  return { title, values: lq, classOf, colors, labels, valueLabel: t('value.lq') };
}

/** Normalised local entropy in five equal classes over [0, 1]. */
export function entropyMap(title: string, e: Float64Array): CustomMap {
  const breaks = [0, 0.2, 0.4, 0.6, 0.8, 1];
  const classOf = Int16Array.from(e, (v) => (Number.isNaN(v) ? -1 : Math.min(4, Math.floor(v / 0.2))));
  return { title, values: e, classOf, colors: paletteColors('viridis', 5), breaks, valueLabel: t('value.entropy') };
}

/** A numeric map in quantile classes; pass `breaks` to reuse another map's classes (raw vs EB). */
export function numericMap(title: string, values: Float64Array, breaks?: number[], unit = ''): CustomMap {
  const c = breaks ? classify(values, 'manual', breaks.length - 1, { breaks }) : classify(values, 'quantile', 5);
  const u = unit.trim();
  const valueLabel = u ? `${title}${t('unit.in', { unit: u })}` : title;
  return { title, values, classOf: Int16Array.from(c.classOf), colors: paletteColors('YlOrRd', c.breaks.length - 1), breaks: c.breaks, unit, valueLabel };
}

/** Neighbour counts per area (weights viewable on the map), one class per count up to 8+. */
export function neighbourMap(title: string, counts: Float64Array): CustomMap {
  const max = Math.min(8, Math.max(...counts));
  const classOf = Int16Array.from(counts, (c) => Math.min(c, max));
  const colors: RGB[] = [[70, 70, 70], ...paletteColors('Blues', Math.max(1, max))];
  const labels = Array.from({ length: max + 1 }, (_, k) => (k === 0 ? t('sp.w.island') : k === max && max === 8 ? '≥ 8' : String(k)));
  return { title, values: counts, classOf, colors: colors.slice(0, max + 1), labels, valueLabel: t('value.neighbours') };
}
