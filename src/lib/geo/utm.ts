/**
 * Planar metres for distances (METHODS.md §7: straight-line costs in ETRS89/UTM 32N, EPSG:25832,
 * for NRW) and WGS84 degrees for the map, from any CRS the importer knows.
 */
import proj4 from 'proj4';
import { CRS_DEFS, normaliseCrs } from './crs';
import { invalid } from '../contract/errors';

export const METRIC_CRS = 'EPSG:25832';

/** A converter `from` → `to` for many points at once (typed arrays in and out). */
export function reproject(from: string, to: string): (xs: ArrayLike<number>, ys: ArrayLike<number>) => { x: Float64Array; y: Float64Array } {
  const a = normaliseCrs(from), b = normaliseCrs(to);
  for (const c of [a, b]) if (/^EPSG:\d+$/.test(c) && !CRS_DEFS[c]) throw invalid('crs', c);
  if (a === b) return (xs, ys) => ({ x: Float64Array.from(xs), y: Float64Array.from(ys) });
  const conv = proj4(a, b);
  return (xs, ys) => {
    const x = new Float64Array(xs.length), y = new Float64Array(xs.length);
    for (let i = 0; i < xs.length; i++) {
      if (!Number.isFinite(xs[i]) || !Number.isFinite(ys[i])) {
        x[i] = y[i] = NaN;
        continue;
      }
      const p = conv.forward([xs[i], ys[i]]);
      x[i] = p[0];
      y[i] = p[1];
    }
    return { x, y };
  };
}

/** WGS84 lon/lat → EPSG:25832 metres. */
export const lonLatToMetric = reproject('EPSG:4326', METRIC_CRS);
/** EPSG:25832 metres → WGS84 lon/lat. */
export const metricToLonLat = reproject(METRIC_CRS, 'EPSG:4326');
