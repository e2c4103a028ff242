import { describe, expect, it } from 'vitest';
import { bboxOf, featuresToArrow, geometryKind, reprojectFeatures, validateGeometries, type Feature } from '../../../src/lib/ingest/geometry';
import { parseGeoJson } from '../../../src/lib/ingest/geojson';
import { IngestError, type ImportWarning } from '../../../src/lib/ingest/types';

const square = (x: number, y: number, d: number): Feature => ({
  type: 'Feature', properties: { id: '01' }, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]] },
});

describe('geometry preparation', () => {
  it('bbox and kind', () => {
    const fs = [square(1, 2, 1), { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [5, -1] } }];
    expect(bboxOf(fs)).toEqual([1, -1, 5, 3]);
    expect(geometryKind(fs)).toBe('mixed');
    expect(geometryKind([square(0, 0, 1)])).toBe('polygon');
  });

  it('warns about features without geometry and closes rings', () => {
    const w: ImportWarning[] = [];
    const open: Feature = { properties: {}, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1]]] } };
    validateGeometries('x.geojson', [open, { properties: { id: 2 }, geometry: null }], w);
    expect(w.map((x) => x.code)).toEqual(['missing_geometry', 'unclosed_ring']);
    expect((open.geometry!.coordinates as number[][][])[0]).toHaveLength(4);
  });

  it('rejects non-finite coordinates with the feature number', () => {
    const bad: Feature = { properties: {}, geometry: { type: 'Point', coordinates: [Number.NaN, 1] } };
    expect(() => validateGeometries('x.geojson', [square(0, 0, 1), bad], [])).toThrow(/Objekt 2 enthält ungültige Koordinaten/);
  });

  it('the user CRS wins over the file; projected data without CRS is a question', () => {
    const fs = [square(356000, 5645000, 1000)];
    expect(() => reprojectFeatures('x', structuredClone(fs), undefined, undefined)).toThrow(IngestError);
    const r = reprojectFeatures('x', fs, 'EPSG:4326', 'EPSG:25832');
    expect(r.crs).toBe('EPSG:25832');
    expect(r.bbox![0]).toBeCloseTo(6.95, 2);
  });

  it('refuses a projected CRS for coordinates that are degrees', () => {
    expect(() => reprojectFeatures('x.geojson', [square(6.9, 50.9, 0.1)], undefined, 'EPSG:25832')).toThrow(/sind Längen-\/Breitengrade, nicht EPSG:25832/);
  });

  it('single Feature documents and legacy crs members are read', () => {
    const doc = parseGeoJson('f.json', JSON.stringify({ type: 'Feature', crs: { type: 'name', properties: { name: 'EPSG:31467' } }, properties: { a: 1 }, geometry: null }));
    expect(doc.features).toHaveLength(1);
    expect(doc.crs).toBe('EPSG:31467');
  });

  it('properties become typed Arrow columns next to _geom', () => {
    const t = featuresToArrow(
      [
        { properties: { id: '001', n: 3, x: 1.5, ok: true, obj: { a: 1 }, _geom: 'kollidiert' }, geometry: { type: 'Point', coordinates: [7, 51] } },
        { properties: { id: '002', n: null, x: 2, ok: false }, geometry: null },
      ],
      [],
    );
    expect(t.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(['id:Utf8', 'n:Int32', 'x:Float64', 'ok:Bool', 'obj:Utf8', '_geom_2:Utf8', '_geom:Utf8']);
    expect(t.getChild('obj')!.get(0)).toBe('{"a":1}');
    expect(t.getChild('_geom')!.get(1)).toBeNull();
  });
});
