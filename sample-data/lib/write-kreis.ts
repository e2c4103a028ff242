/** Writes the Musterkreis files and returns their manifest entries. */
import { type Kreis, KREIS_ID, KREIS_YEARS } from './musterkreis.ts';
import { type DbfField, csvWindows1252, fmtDe, polygonGeoJson, shapefileZip } from './formats.ts';
import { signedArea } from './geom.ts';
import type { FileMap } from './write-stadt.ts';

const DIR = 'musterkreis';
export const KREIS_COLUMNS = ['EW', 'EW_U15', 'EW_15_64', 'EW_U65', 'EW_65PLUS', 'SGB2', 'SGB2_U15', 'ALO', 'AUSL', 'GRUSI_65'] as const;

export function writeKreis(k: Kreis, files: FileMap): Record<string, unknown>[] {
  const area = (km2: number) => Math.round(km2 * 100) / 100;
  files.set(
    `${DIR}/gemeinden.geojson`,
    polygonGeoJson(
      k.gemeinden.map((g) => ({
        props: { GEM_ID: g.id, GEM_NAME: g.name, KREIS_ID: KREIS_ID, KREISSTADT: g.kreisstadt ? 'ja' : 'nein', FLAECHE_KM2: area(g.rings.reduce((a, r) => a + signedArea(r), 0) / 1e6) },
        rings: g.rings,
      })),
      'gemeinden',
    ),
  );
  files.set(
    `${DIR}/sozialraeume.geojson`,
    polygonGeoJson(
      k.sozialraeume.map((s) => ({ props: { SR_ID: s.id, SR_NAME: s.name, GEM_ID: s.gemId, GEM_NAME: s.gemName, FLAECHE_KM2: area(s.areaKm2) }, rings: [s.ring] })),
      'sozialraeume',
    ),
  );
  const fields: DbfField[] = [
    { name: 'SR_ID', type: 'C', length: 10 },
    { name: 'SR_NAME', type: 'C', length: 40 },
    { name: 'GEM_ID', type: 'C', length: 8 },
    { name: 'GEM_NAME', type: 'C', length: 30 },
    { name: 'FLAECHE', type: 'N', length: 8, decimals: 2 },
  ];
  files.set(
    `${DIR}/sozialraeume_25832.zip`,
    shapefileZip(
      'sozialraeume_25832',
      k.sozialraeume.map((s) => [s.ring]),
      fields,
      k.sozialraeume.map((s) => [s.id, s.name, s.gemId, s.gemName, area(s.areaKm2)]),
    ),
  );
  const rows: string[][] = [];
  for (const y of KREIS_YEARS) {
    for (const s of k.sozialraeume) {
      const c = s.series.get(y)!;
      rows.push([s.id, s.name, s.gemId, s.gemName, String(y), fmtDe(area(s.areaKm2), 2), ...KREIS_COLUMNS.map((col) => String(c[col]))]);
    }
  }
  files.set(`${DIR}/kreis_indikatoren.csv`, csvWindows1252(['SR_ID', 'SR_NAME', 'GEM_ID', 'GEM_NAME', 'JAHR', 'FLAECHE_KM2', ...KREIS_COLUMNS], rows));

  const layer = `${DIR}/sozialraeume.geojson`;
  return [
    { path: layer, role: 'layer', format: 'geojson', crs: 'EPSG:4326', id: 'SR_ID', name: 'SR_NAME', parent: 'GEM_ID', parentLayer: `${DIR}/gemeinden.geojson`, label: 'Sozialräume', default: true },
    { path: `${DIR}/gemeinden.geojson`, role: 'layer', format: 'geojson', crs: 'EPSG:4326', id: 'GEM_ID', name: 'GEM_NAME', label: 'Gemeinden' },
    { path: `${DIR}/sozialraeume_25832.zip`, role: 'layer', format: 'shapefile', crs: 'EPSG:25832', id: 'SR_ID', name: 'SR_NAME', parent: 'GEM_ID', label: 'Sozialräume (Shapefile, EPSG:25832)', sameAs: layer },
    { path: `${DIR}/kreis_indikatoren.csv`, role: 'table', format: 'csv', encoding: 'windows-1252', delimiter: ';', decimal: ',', key: 'SR_ID', name: 'SR_NAME', parent: 'GEM_ID', year: 'JAHR', years: KREIS_YEARS, shape: 'long', layer, label: 'Indikatoren 2020–2024 (je Sozialraum und Jahr)', default: true },
  ];
}
