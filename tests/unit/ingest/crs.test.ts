import { describe, expect, it } from 'vitest';
import proj4 from 'proj4';
import { CRS_DEFS, isGeographic, looksProjected, normaliseCrs, toWgs84 } from '../../../src/lib/geo/crs';

describe('CRS', () => {
  it('normalises the usual ways of naming a CRS', () => {
    expect(normaliseCrs('urn:ogc:def:crs:EPSG::25832')).toBe('EPSG:25832');
    expect(normaliseCrs('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe('EPSG:4326');
    expect(normaliseCrs('epsg:31467')).toBe('EPSG:31467');
    expect(normaliseCrs('http://www.opengis.net/def/crs/EPSG/0/3857')).toBe('EPSG:3857');
    expect(normaliseCrs('25833')).toBe('EPSG:25833');
  });

  it('has definitions for all required codes', () => {
    expect(Object.keys(CRS_DEFS).sort()).toEqual(['EPSG:25832', 'EPSG:25833', 'EPSG:3035', 'EPSG:31466', 'EPSG:31467', 'EPSG:3857', 'EPSG:4258', 'EPSG:4326']);
  });

  it('maps each projection origin to its central meridian (exact properties of the projections)', () => {
    expect(toWgs84('EPSG:25832')([500000, 5645000])[0]).toBeCloseTo(9, 9);
    expect(toWgs84('EPSG:25833')([500000, 5820000])[0]).toBeCloseTo(15, 9);
    expect(toWgs84('EPSG:25832')([500000, 0])[1]).toBeCloseTo(0, 9);
    // ETRS89-LAEA (Zensus grid): the false origin is the projection centre 10° E, 52° N
    const laea = toWgs84('EPSG:3035')([4321000, 3210000]);
    expect(laea[0]).toBeCloseTo(10, 9);
    expect(laea[1]).toBeCloseTo(52, 9);
    // Gauß-Krüger on Bessel with a datum shift: the meridian moves by metres only
    expect(toWgs84('EPSG:31466')([2500000, 5645000])[0]).toBeCloseTo(6, 2);
    expect(toWgs84('EPSG:31467')([3500000, 5645000])[0]).toBeCloseTo(9, 2);
    // Web Mercator: y = R ln tan(π/4 + φ/2)
    const R = 6378137;
    const lat = 51;
    const y = R * Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
    const p = toWgs84('EPSG:3857')([(R * 7 * Math.PI) / 180, y]);
    expect(p[0]).toBeCloseTo(7, 9);
    expect(p[1]).toBeCloseTo(51, 9);
  });

  it('UTM and Gauß-Krüger agree on the Kölner Dom within a few metres', () => {
    const dom = [6.9583, 50.9413];
    const utm = proj4('EPSG:4326', 'EPSG:25832').forward(dom);
    const gk = proj4('EPSG:4326', 'EPSG:31466').forward(dom);
    expect(utm[0]).toBeGreaterThan(356000);
    expect(utm[0]).toBeLessThan(357500);
    const a = toWgs84('EPSG:25832')(utm);
    const b = toWgs84('EPSG:31466')(gk);
    expect(Math.abs(a[0] - b[0]) * 70000).toBeLessThan(5);
    expect(Math.abs(a[1] - b[1]) * 111000).toBeLessThan(5);
  });

  it('tells projected from geographic extents', () => {
    expect(looksProjected([356000, 5645000, 357000, 5646000])).toBe(true);
    expect(looksProjected([6.7, 50.8, 7.2, 51.1])).toBe(false);
    expect(isGeographic('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe(true);
    expect(isGeographic('EPSG:25832')).toBe(false);
    expect(() => toWgs84('EPSG:99999')).toThrow(/unbekannt/);
  });
});
