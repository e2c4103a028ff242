/**
 * The year-comparison map (issue 13): change per area on a diverging palette centred on zero —
 * blue = fell, red = rose (flip with „Farben umkehren“ for indicators where more is better) —
 * with signed class labels in percentage points for rates.
 */
import type { CustomMap } from './custom';
import type { Classification } from '../analysis/classify';
import { paletteColors } from './palettes';
import { highContrastColors } from './highContrast';
import { legendDigits } from './legend';
import { fmtSigned, unitSuffix } from '../format/numbers';
import { t, type Lang } from '../../i18n/index';

export const YEAR_COMPARE = 'yearCompare';

export interface ChangeMapOptions {
  title: string;
  /** heading of the values with unit */
  valueLabel: string;
  /** short unit after each bound (Pp., ‰-Pkt.) or '' */
  unit: string;
  reverse?: boolean;
  highContrast?: boolean;
  lang?: Lang;
}

/** Class labels and colours for a change classification (see `classifyChange`). */
export function changeMap(values: Float64Array, classes: Classification & { zeroClass: number }, o: ChangeMapOptions): CustomMap {
  const n = Math.max(1, classes.breaks.length - 1);
  // blue (fell) → red (rose): RdBu runs red → blue, so it is reversed unless the user flips it
  const colors = o.highContrast ? highContrastColors('RdBu', n, !o.reverse) : paletteColors('RdBu', n, !o.reverse);
  const b = classes.breaks;
  const digits = Math.min(3, legendDigits(b.map((x) => Math.abs(x))));
  const f = (x: number) => fmtSigned(x, digits, o.lang);
  const u = unitSuffix(o.unit, o.lang);
  const labels = Array.from({ length: n }, (_, i) => {
    if (b.length < 2) return t('cmp.noChange', undefined, o.lang);
    if (b[i] === b[i + 1]) return `${f(b[i])}${u}`;
    const text = `${f(b[i])} – ${f(b[i + 1])}${u}`;
    return i === classes.zeroClass && b[i] < 0 && b[i + 1] > 0 ? `${text} ${t('cmp.little', undefined, o.lang)}` : text;
  });
  return { title: o.title, values, classOf: classes.classOf, colors, labels, breaks: b, unit: u, valueLabel: o.valueLabel, owner: YEAR_COMPARE };
}
