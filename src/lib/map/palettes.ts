/**
 * Colour-blind-safe palettes for choropleth classes (METHODS.md §3), from `d3-scale-chromatic`
 * (ColorBrewer schemes where the class count fits, the continuous interpolators otherwise).
 */
import {
  interpolateBlues,
  interpolateBrBG,
  interpolateCividis,
  interpolateOrRd,
  interpolatePuOr,
  interpolateRdBu,
  interpolateViridis,
  interpolateYlOrRd,
  schemeBlues,
  schemeBrBG,
  schemeOrRd,
  schemePuOr,
  schemeRdBu,
  schemeYlOrRd,
} from 'd3-scale-chromatic';
import { invalid } from '../contract/errors';

/** An sRGB colour, channels 0…255. */
export type RGB = [number, number, number];

export type SequentialPalette = 'viridis' | 'cividis' | 'YlOrRd' | 'OrRd' | 'Blues';
export type DivergingPalette = 'RdBu' | 'PuOr' | 'BrBG';
export type PaletteName = SequentialPalette | DivergingPalette;

interface PaletteDef {
  kind: 'sequential' | 'diverging';
  interpolate: (t: number) => string;
  /** ColorBrewer discrete schemes by class count (indices 3…9 or 3…11), if any. */
  scheme?: readonly (readonly string[])[];
}

const DEFS: Record<PaletteName, PaletteDef> = {
  viridis: { kind: 'sequential', interpolate: interpolateViridis },
  cividis: { kind: 'sequential', interpolate: interpolateCividis },
  YlOrRd: { kind: 'sequential', interpolate: interpolateYlOrRd, scheme: schemeYlOrRd },
  OrRd: { kind: 'sequential', interpolate: interpolateOrRd, scheme: schemeOrRd },
  Blues: { kind: 'sequential', interpolate: interpolateBlues, scheme: schemeBlues },
  RdBu: { kind: 'diverging', interpolate: interpolateRdBu, scheme: schemeRdBu },
  PuOr: { kind: 'diverging', interpolate: interpolatePuOr, scheme: schemePuOr },
  BrBG: { kind: 'diverging', interpolate: interpolateBrBG, scheme: schemeBrBG },
};

/** All palettes with their kind, in menu order (sequential first). */
export const PALETTES: readonly { name: PaletteName; kind: 'sequential' | 'diverging' }[] = (
  Object.keys(DEFS) as PaletteName[]
).map((name) => ({ name, kind: DEFS[name].kind }));

/**
 * `k` class colours of palette `name`, light → dark for sequential ColorBrewer palettes, dark →
 * bright for viridis/cividis, and low → high (red → blue for RdBu) for diverging ones.
 * Uses the ColorBrewer scheme for its k (3…9, diverging 3…11), the scheme's ends and middle for
 * k = 1…2, and evenly spaced samples of the interpolator beyond (sequential ColorBrewer samples
 * start at t = 0.1 so the lightest class stays visible on a white background).
 * @throws `invalid palette: …`, `invalid k: …` (integer ≥ 1)
 */
export function paletteColors(name: PaletteName, k: number, reverse = false): RGB[] {
  const def = DEFS[name];
  if (!def) throw invalid('palette', `${String(name)}`);
  if (!(Number.isInteger(k) && k >= 1)) throw invalid('k', `${k}`);
  let css: string[];
  const scheme = def.scheme;
  if (scheme && scheme[k]) css = scheme[k].slice();
  else if (scheme && k <= 2) css = k === 1 ? [scheme[3][1]] : [scheme[3][0], scheme[3][2]];
  else if (k === 1) css = [def.interpolate(0.5)];
  else {
    const t0 = scheme && def.kind === 'sequential' ? 0.1 : 0;
    css = Array.from({ length: k }, (_, i) => def.interpolate(t0 + ((1 - t0) * i) / (k - 1)));
  }
  const out = css.map(parseColor);
  return reverse ? out.reverse() : out;
}

/** Parse `#rrggbb`, `#rgb` or `rgb(r, g, b)` into {@link RGB}. @throws `invalid colour: …` */
export function parseColor(s: string): RGB {
  let m = /^#([0-9a-f]{6})$/i.exec(s);
  if (m) {
    const n = parseInt(m[1], 16);
    return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  }
  m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(s);
  if (m) return [parseInt(m[1] + m[1], 16), parseInt(m[2] + m[2], 16), parseInt(m[3] + m[3], 16)];
  m = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(s);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  throw invalid('colour', `${s}`);
}

/** CSS `rgb(…)` of an {@link RGB}. */
export function cssColor(c: RGB | readonly number[]): string {
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}

/**
 * Fill for areas without a value ("keine Angabe"): light grey, distinct from every palette class.
 * The legend hatches its swatch (`swatchCss` in `./legend`) so it is not read as the lowest class.
 */
export const NO_VALUE_COLOR: RGB = [217, 217, 217];

/** Outline colour for area borders on the calm offline background. */
export const OUTLINE_COLOR: RGB = [90, 90, 90];
/** Highlight colour for the selected area (outline). */
export const SELECTION_COLOR: RGB = [0, 0, 0];
/**
 * The area under the pointer, on the map or in a linked view (a table row, a small year map): the app's
 * dark blue (in no map palette; the selection is black), drawn on a white halo so it shows on dark fills too.
 */
export const HOVER_COLOR: RGB = [29, 78, 137];

/** CIE L*C*h° (D65) → sRGB, clamped to the gamut. */
export function lchToRgb(l: number, c: number, hDeg: number): RGB {
  const h = (hDeg * Math.PI) / 180;
  const a = c * Math.cos(h);
  const b = c * Math.sin(h);
  const fy = (l + 16) / 116;
  const finv = (t: number) => (t > 6 / 29 ? t * t * t : 3 * (6 / 29) ** 2 * (t - 4 / 29));
  const x = 0.95047 * finv(fy + a / 500);
  const y = finv(fy);
  const z = 1.08883 * finv(fy - b / 200);
  const lin = [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ];
  return lin.map((v) => {
    const s = v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055;
    return Math.round(Math.min(1, Math.max(0, s)) * 255);
  }) as RGB;
}

/** Dynamics classes of the bivariate map, in column order. */
export const BIVARIATE_DYNAMICS = ['improving', 'stable', 'worsening'] as const;

/**
 * Bivariate palette for status (4 classes, row 0 = least need … row 3 = most need) × dynamics
 * (3 columns: improving, stable, worsening), e.g. the Sozialindex quartile × its trend class.
 * Status is carried by lightness (L* 90, 73, 56, 39), dynamics by hue on the colour-blind-safe
 * blue–orange axis: improving = blue (h 250°), stable = near-neutral, worsening = orange-red
 * (h 45°), chroma growing with status so the most urgent cells (high need, worsening) are the
 * strongest. Indexed `[status][dynamics]`; 12 distinct colours.
 */
export const BIVARIATE_4X3: readonly (readonly RGB[])[] = [0, 1, 2, 3].map((s) => {
  const l = 90 - 17 * s;
  const c = 14 + 12 * s;
  return [lchToRgb(l, c, 250), lchToRgb(l, 3 + s, 60), lchToRgb(l, c + 6, 45)];
});

/** Colour of bivariate cell (status 0…3, dynamics 0…2). @throws `invalid bivariateClass: …` */
export function bivariateColor(status: number, dynamics: number): RGB {
  const row = BIVARIATE_4X3[status];
  const c = row?.[dynamics];
  if (!c) throw invalid('bivariateClass', `${status},${dynamics}`);
  return c;
}
