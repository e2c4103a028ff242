import { describe, expect, it } from 'vitest';
import {
  BIVARIATE_4X3,
  NO_VALUE_COLOR,
  PALETTES,
  bivariateColor,
  cssColor,
  lchToRgb,
  paletteColors,
  parseColor,
  type RGB,
} from '../../../src/lib/map/palettes';

/** Relative luminance (WCAG) of an sRGB colour. */
function luminance([r, g, b]: RGB): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
const key = (c: RGB) => c.join(',');

describe('paletteColors', () => {
  it('uses the ColorBrewer scheme for k = 5 (Blues) exactly', () => {
    expect(paletteColors('Blues', 5).map(key)).toEqual(['239,243,255', '189,215,231', '107,174,214', '49,130,189', '8,81,156']);
  });

  it('returns k distinct valid colours for every palette and k = 1…12', () => {
    for (const { name } of PALETTES) {
      for (let k = 1; k <= 12; k++) {
        const cs = paletteColors(name, k);
        expect(cs).toHaveLength(k);
        for (const c of cs) for (const ch of c) expect(Number.isInteger(ch) && ch >= 0 && ch <= 255).toBe(true);
        expect(new Set(cs.map(key)).size).toBe(k);
        expect(cs.map(key)).not.toContain(key(NO_VALUE_COLOR));
      }
    }
  });

  it('sequential palettes are monotone in luminance', () => {
    for (const { name, kind } of PALETTES) {
      if (kind !== 'sequential') continue;
      for (const k of [2, 5, 7, 11]) {
        const lum = paletteColors(name, k).map(luminance);
        const dir = Math.sign(lum[lum.length - 1] - lum[0]);
        for (let i = 1; i < lum.length; i++) expect(Math.sign(lum[i] - lum[i - 1])).toBe(dir);
      }
    }
  });

  it('diverging palettes are lightest in the middle (odd k)', () => {
    for (const name of ['RdBu', 'PuOr', 'BrBG'] as const) {
      const lum = paletteColors(name, 7).map(luminance);
      expect(Math.max(...lum)).toBe(lum[3]);
    }
  });

  it('reverse flips the order; bad input throws', () => {
    expect(paletteColors('viridis', 4, true)).toEqual(paletteColors('viridis', 4).reverse());
    expect(() => paletteColors('Jet' as never, 4)).toThrow('invalid palette: Jet');
    expect(() => paletteColors('Blues', 0)).toThrow('invalid k: 0');
  });
});

describe('colour helpers', () => {
  it('parses hex and rgb() and formats css', () => {
    expect(parseColor('#08519c')).toEqual([8, 81, 156]);
    expect(parseColor('#fff')).toEqual([255, 255, 255]);
    expect(parseColor('rgb(242, 239, 238)')).toEqual([242, 239, 238]);
    expect(() => parseColor('red')).toThrow('invalid colour: red');
    expect(cssColor([1, 2, 3])).toBe('rgb(1, 2, 3)');
  });

  it('lchToRgb matches known values', () => {
    expect(lchToRgb(100, 0, 0)).toEqual([255, 255, 255]);
    expect(lchToRgb(0, 0, 0)).toEqual([0, 0, 0]);
    expect(lchToRgb(53.59, 0, 0)).toEqual([128, 128, 128]);
  });
});

describe('bivariate 4×3 palette', () => {
  it('has 12 distinct colours, darker with status, blue for improving and warm for worsening', () => {
    expect(BIVARIATE_4X3).toHaveLength(4);
    const all = BIVARIATE_4X3.flat();
    expect(all).toHaveLength(12);
    expect(new Set(all.map(key)).size).toBe(12);
    for (let d = 0; d < 3; d++) {
      for (let s = 1; s < 4; s++) expect(luminance(bivariateColor(s, d))).toBeLessThan(luminance(bivariateColor(s - 1, d)));
    }
    for (let s = 0; s < 4; s++) {
      const [imp, , wor] = BIVARIATE_4X3[s];
      expect(imp[2]).toBeGreaterThan(imp[0]);
      expect(wor[0]).toBeGreaterThan(wor[2]);
    }
    expect(() => bivariateColor(4, 0)).toThrow('invalid bivariateClass: 4,0');
  });
});
