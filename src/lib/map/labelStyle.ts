/**
 * Label colours chosen per class colour (issue 13): black text with a white halo on light fills,
 * white text with a black halo on dark fills — whichever gives the higher WCAG 2 contrast against
 * the fill. With pure black and white the worse of the two choices never falls below 4.58 : 1, so
 * every label meets WCAG AA (4.5 : 1) on every fill, also on a washed-out projector.
 */
import type { RGB } from './palettes';

/** WCAG 2 relative luminance of an sRGB colour (channels 0…255). */
export function relativeLuminance(c: readonly number[]): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2]);
}

/** WCAG 2 contrast ratio (1…21) between two colours. */
export function contrastRatio(a: readonly number[], b: readonly number[]): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

export const LABEL_DARK: RGB = [0, 0, 0];
export const LABEL_LIGHT: RGB = [255, 255, 255];

/** Text and halo colour for a label on `fill`; `dark` = black text. */
export function labelColorsFor(fill: readonly number[]): { dark: boolean; text: RGB; halo: RGB; contrast: number } {
  const onDark = contrastRatio(LABEL_LIGHT, fill);
  const onLight = contrastRatio(LABEL_DARK, fill);
  return onLight >= onDark
    ? { dark: true, text: LABEL_DARK, halo: LABEL_LIGHT, contrast: onLight }
    : { dark: false, text: LABEL_LIGHT, halo: LABEL_DARK, contrast: onDark };
}

/**
 * The colour a fill shows on the map: `fill` at `alpha` (0…255) over the map background, as the
 * choropleth draws it (alpha 235 over #eef1f4).
 */
export function blendOver(fill: readonly number[], alpha: number, background: readonly number[] = [238, 241, 244]): RGB {
  const a = alpha / 255;
  return [0, 1, 2].map((k) => Math.round(fill[k] * a + background[k] * (1 - a))) as RGB;
}
