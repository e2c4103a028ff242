import { describe, expect, it } from 'vitest';
import { coordProblem, fitsGuess, guessCoordinateColumns, guessPointCrs, guessServiceColumns, looksLikeGrid } from '../../../src/lib/analysis/pointCoords';

describe('coordinate detection for point tables', () => {
  it('Musterstadt services: RECHTSWERT/HOCHWERT in EPSG:25832', () => {
    expect(guessCoordinateColumns(['ID', 'NAME', 'TYP', 'RECHTSWERT', 'HOCHWERT'])).toEqual({ x: 'RECHTSWERT', y: 'HOCHWERT' });
    const g = guessPointCrs([398634.9, 398792.1, 399690.6], [5709694.6, 5711952.9, 5712408.7]);
    expect(g).toMatchObject({ crs: 'EPSG:25832', swapped: false, xOffset: 0, fitting: 3, numeric: 3 });
  });

  it('lon/lat, swapped lat/lon, UTM with zone prefix, Gauß-Krüger, Zensus LAEA', () => {
    expect(guessPointCrs([6.96, 7.1], [50.94, 51.4]).crs).toBe('EPSG:4326');
    expect(guessPointCrs([50.94, 51.4], [6.96, 7.1])).toMatchObject({ crs: 'EPSG:4326', swapped: true });
    expect(guessPointCrs([32398634.9], [5709694.6])).toMatchObject({ crs: 'EPSG:25832', xOffset: 32_000_000 });
    expect(guessPointCrs([33390000], [5820000])).toMatchObject({ crs: 'EPSG:25833', xOffset: 33_000_000 });
    expect(guessPointCrs([2570000], [5650000]).crs).toBe('EPSG:31466');
    expect(guessPointCrs([3420000], [5650000]).crs).toBe('EPSG:31467');
    expect(guessPointCrs([4105050, 4105150], [3105050, 3105050]).crs).toBe('EPSG:3035');
    expect(guessPointCrs([12, 13], [14, 15]).crs).toBeNull();
  });

  it('the majority decides; rows off the chosen range are flagged per row', () => {
    const xs = [398634.9, 398792.1, 0, NaN, 7.1, 399000];
    const ys = [5709694.6, 5711952.9, 0, 5712000, 51.4, 5710000];
    const g = guessPointCrs(xs, ys);
    expect(g).toMatchObject({ crs: 'EPSG:25832', fitting: 3, numeric: 4 });
    const fits = (x: number, y: number) => fitsGuess(g, x, y);
    expect(xs.map((x, i) => coordProblem(x, ys[i], false, fits))).toEqual([null, null, 'zero', 'not_numeric', 'out_of_range', null]);
    expect(coordProblem(NaN, NaN, true, fits)).toBe('missing');
  });

  it('column guesses: lon/lat, x/y, Zensus grid, service fields', () => {
    expect(guessCoordinateColumns(['name', 'lat', 'lon'])).toEqual({ x: 'lon', y: 'lat' });
    expect(guessCoordinateColumns(['Gitter_ID_100m', 'x_mp_100m', 'y_mp_100m', 'Einwohner'])).toEqual({ x: 'x_mp_100m', y: 'y_mp_100m' });
    expect(looksLikeGrid(['Gitter_ID_100m', 'x_mp_100m', 'y_mp_100m'])).toBe(true);
    expect(looksLikeGrid(['ID', 'RECHTSWERT'])).toBe(false);
    expect(guessCoordinateColumns(['a', 'b'])).toEqual({});
    expect(guessServiceColumns(['ID', 'NAME', 'TYP', 'TRAEGER', 'PLAETZE', 'ZIELGRUPPE'])).toEqual({ id: 'ID', name: 'NAME', category: 'TYP', capacity: 'PLAETZE', target: 'ZIELGRUPPE' });
    expect(guessServiceColumns(['Einrichtung_ID', 'Bezeichnung', 'Einrichtungsart', 'Kapazität'])).toEqual({ id: 'Einrichtung_ID', name: 'Bezeichnung', category: 'Einrichtungsart', capacity: 'Kapazität', target: undefined });
  });
});
