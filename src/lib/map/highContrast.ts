/**
 * High-contrast class colours for projectors (presenter mode, issue 13). Projectors wash out light
 * tints and dark shades alike, so neighbouring ColorBrewer classes (YlOrRd 1 vs 2) merge on the
 * wall. These schemes span the widest lightness range of a perceptually uniform map — inferno,
 * light yellow (low) to near-black purple (high), colour-blind safe (van der Walt & Smith 2015) —
 * and keep the diverging RdBu at full strength to its ends.
 */
import { interpolateInferno, interpolateRdBu } from 'd3-scale-chromatic';
import { invalid } from '../contract/errors';
import { parseColor, type PaletteName, type RGB, PALETTES } from './palettes';

/** Inferno from t = 0.95 (light) down to 0.12 (dark) so the ends stay off pure white/black. */
const SEQ: [number, number] = [0.95, 0.12];

/**
 * `k` high-contrast colours standing in for palette `name`: sequential palettes become inferno
 * (light → dark, so "more" stays darker), diverging palettes RdBu over its full range.
 * @throws `invalid k: …`
 */
export function highContrastColors(name: PaletteName, k: number, reverse = false): RGB[] {
  if (!(Number.isInteger(k) && k >= 1)) throw invalid('k', k);
  const diverging = PALETTES.find((p) => p.name === name)?.kind === 'diverging';
  const at = (i: number) => (k === 1 ? 0.5 : i / (k - 1));
  const out = Array.from({ length: k }, (_, i) =>
    parseColor(diverging ? interpolateRdBu(at(i)) : interpolateInferno(SEQ[0] + (SEQ[1] - SEQ[0]) * at(i))),
  );
  return reverse ? out.reverse() : out;
}
