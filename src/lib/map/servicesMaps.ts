/**
 * Maps of "Angebote & Bedarfe" for `MapState.showCustom`: the Versorgungsquote (quantile
 * classes; values under disclosure get their own grey class), mean accessibility per area and
 * the 3 × 3 need × supply map with a colour-blind-safe bivariate palette. Pure, small arrays.
 */
import { classify } from '../analysis/classify';
import type { DisclosureStatus } from '../analysis/disclosure';
import { paletteColors, type RGB } from './palettes';
import type { CustomMap } from './custom';
import { fmtNumber, t } from '../../i18n/index';

/** Stevens' 3 × 3 scheme (pink–blue), [need 0…2][supply 0…2]; high need + low supply is magenta. */
export const GAP_COLORS: readonly (readonly RGB[])[] = [
  [[232, 232, 232], [172, 228, 228], [90, 200, 200]],
  [[223, 176, 214], [165, 173, 211], [86, 152, 185]],
  [[190, 100, 172], [140, 98, 170], [59, 73, 148]],
];
export const SUPPRESSED_COLOR: RGB = [190, 190, 205];

/**
 * Quantile classes with formatted labels. Zeros (no service / nothing reachable) form their own
 * first class, so the classes describe the areas that have something. `hidden` areas (disclosure)
 * get an extra grey class and lose their value, so neither tooltips nor the map table show it.
 */
export function quantileMap(title: string, values: Float64Array, unit: string, hidden?: (i: number) => boolean, palette: 'Blues' | 'viridis' = 'Blues'): CustomMap {
  const shown = values.map((v, i) => (hidden?.(i) ? NaN : v));
  const hasZero = shown.some((v) => v === 0);
  const positive = shown.map((v) => (v === 0 ? NaN : v));
  const c = classify(positive, 'quantile', hasZero ? 4 : 5);
  const k = Math.max(0, c.breaks.length - 1);
  const colors: RGB[] = paletteColors(palette, k + (hasZero ? 1 : 0));
  const f = (x: number) => (x === 0 ? '0' : fmtNumber(x, Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 1 ? 1 : 3));
  const labels = [...(hasZero ? [t('svc.map.zero')] : []), ...Array.from({ length: k }, (_, j) => `${f(c.breaks[j])} – ${f(c.breaks[j + 1])}${unit}`)];
  const classOf = Int16Array.from(c.classOf, (x, i) => (shown[i] === 0 ? 0 : x < 0 ? -1 : x + (hasZero ? 1 : 0)));
  let anyHidden = false;
  if (hidden)
    for (let i = 0; i < values.length; i++)
      if (hidden(i) && !Number.isNaN(values[i])) {
        classOf[i] = labels.length;
        anyHidden = true;
      }
  if (anyHidden) {
    colors.push(SUPPRESSED_COLOR);
    labels.push(t('svc.map.suppressed'));
  }
  return { title, values: shown, classOf, colors, labels };
}

/** Versorgungsquote per area; suppressed rates (METHODS §6) in their own class. */
export function coverageMap(title: string, rate: Float64Array, status: DisclosureStatus[]): CustomMap {
  return quantileMap(title, rate, '', (i) => status[i] === 'secret' || status[i] === 'unreliable' || status[i] === 'secondary');
}

/**
 * The 3 × 3 map: class = needClass × 3 + supplyClass, labels "hoch · gering" (need · supply, named
 * in the title). The values are the need; `valueLabel` names it for the map table and tooltips.
 */
export function gapMap(title: string, cell: Int16Array, values: Float64Array, valueLabel?: string): CustomMap {
  const levels = ['low', 'mid', 'high'] as const;
  const colors: RGB[] = [];
  const labels: string[] = [];
  for (let n = 2; n >= 0; n--)
    for (let s = 0; s < 3; s++) {
      colors.push(GAP_COLORS[n][s] as RGB);
      labels.push(t('svc.gap.cellShort', { need: t(`svc.gap.need.${levels[n]}`), supply: t(`svc.gap.supply.${levels[s]}`) }));
    }
  // legend order: high need first; cell = n * 3 + s
  const classOf = Int16Array.from(cell, (c) => (c < 0 ? -1 : (2 - Math.floor(c / 3)) * 3 + (c % 3)));
  return { title, values, classOf, colors, labels, valueLabel };
}

/** RGBA per demand point from the classes of a map (points without a class: light grey). */
export function pointColorsFor(values: Float64Array, breaks: number[], colors: readonly RGB[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let k = -1;
    if (Number.isFinite(v) && breaks.length > 1) {
      k = 0;
      while (k < breaks.length - 2 && v > breaks[k + 1]) k++;
    }
    const c = k >= 0 ? colors[k] : ([200, 200, 200] as RGB);
    out.set([c[0], c[1], c[2], 220], i * 4);
  }
  return out;
}
