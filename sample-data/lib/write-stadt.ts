/** Writes the Musterstadt files and returns their manifest entries. */
import { type Stadt, STADT_YEARS } from './musterstadt.ts';
import { COLUMNS } from './social.ts';
import { type DbfField, csvWindows1252, fmtDe, pointGeoJson, polygonGeoJson, shapefileZip } from './formats.ts';
import { writeWorkbook, type SheetSpec } from './xlsx.ts';
import { signedArea } from './geom.ts';

export type FileMap = Map<string, Uint8Array | string>;

const DIR = 'musterstadt';

export function writeStadt(s: Stadt, files: FileMap): Record<string, unknown>[] {
  const area = (km2: number) => Math.round(km2 * 100) / 100;
  files.set(
    `${DIR}/bezirke.geojson`,
    polygonGeoJson(
      s.districts.map((d) => ({ props: { BEZ_ID: d.id, BEZ_NAME: d.name, SBZ_ID: d.sbzId, SBZ_NAME: d.sbzName, FLAECHE_KM2: area(d.areaKm2) }, rings: [d.ring] })),
      'statistische_bezirke',
    ),
  );
  files.set(
    `${DIR}/stadtbezirke.geojson`,
    polygonGeoJson(
      s.stadtbezirke.map((b) => ({ props: { SBZ_ID: b.id, SBZ_NAME: b.name, FLAECHE_KM2: area(b.rings.reduce((a, r) => a + signedArea(r), 0) / 1e6) }, rings: b.rings })),
      'stadtbezirke',
    ),
  );
  const fields: DbfField[] = [
    { name: 'BEZ_ID', type: 'C', length: 3 },
    { name: 'BEZ_NAME', type: 'C', length: 40 },
    { name: 'SBZ_ID', type: 'C', length: 2 },
    { name: 'SBZ_NAME', type: 'C', length: 20 },
    { name: 'FLAECHE', type: 'N', length: 8, decimals: 2 },
  ];
  files.set(
    `${DIR}/statistische_bezirke_25832.zip`,
    shapefileZip(
      'statistische_bezirke_25832',
      s.districts.map((d) => [d.ring]),
      fields,
      s.districts.map((d) => [d.id, d.name, d.sbzId, d.sbzName, area(d.areaKm2)]),
    ),
  );

  // long table: one row per district and year
  const longRows: string[][] = [];
  for (const y of STADT_YEARS) {
    for (const d of s.districts) {
      const c = d.series.get(y)!;
      longRows.push([d.id, d.name, d.sbzId, String(y), fmtDe(area(d.areaKm2), 2), ...COLUMNS.map((k) => String(c[k]))]);
    }
  }
  files.set(`${DIR}/indikatoren_2019-2024.csv`, csvWindows1252(['BEZ_ID', 'BEZ_NAME', 'SBZ_ID', 'JAHR', 'FLAECHE_KM2', ...COLUMNS], longRows));

  // wide table: residents and foreigners with one column per year
  const wideHeader = ['BEZ_ID', 'Stadtteil', 'Stadtbezirk', 'Fläche km²', ...STADT_YEARS.map((y) => `EW_${y}`), ...STADT_YEARS.map((y) => `Ausländer_${y}`)];
  const wideRows = s.districts.map((d) => [
    d.id,
    d.name,
    d.sbzName,
    fmtDe(area(d.areaKm2), 2),
    ...STADT_YEARS.map((y) => String(d.series.get(y)!.EW)),
    ...STADT_YEARS.map((y) => String(d.series.get(y)!.AUSL)),
  ]);
  files.set(`${DIR}/einwohner_wide.csv`, csvWindows1252(wideHeader, wideRows));

  // XLSX as a statistical office publishes it: one sheet per year
  const sheets: SheetSpec[] = STADT_YEARS.map((y) => ({
    name: String(y),
    title: `Musterstadt – Bevölkerung und soziale Lage nach Statistischen Bezirken, Stand 31.12.${y}`,
    groups: [
      { group: 'Statistischer Bezirk', subs: ['Nr.', 'Name'] },
      { group: 'Bevölkerung', subs: ['insgesamt', 'männlich', 'weiblich'] },
      { group: 'davon im Alter von … Jahren', subs: ['unter 6', '6 bis unter 15', '15 bis unter 18', '18 bis unter 65', '65 und älter'] },
      { group: 'Staatsangehörigkeit', subs: ['deutsch', 'nichtdeutsch', 'dar. Türkei', 'dar. Syrien', 'dar. Polen', 'dar. Rumänien', 'dar. Ukraine', 'dar. sonstige'] },
      { group: 'Haushalte', subs: ['insgesamt', 'Alleinerziehende'] },
      { group: 'Soziale Lage', subs: ['SGB II insgesamt', 'SGB II unter 15', 'Arbeitslose', 'Grundsicherung 65+'] },
    ],
    rows: s.districts.map((d) => {
      const c = d.series.get(y)!;
      return [d.id, d.name, c.EW, c.EW_M, c.EW_W, c.EW_U6, c.EW_6_14, c.EW_15_17, c.EW_18_64, c.EW_65PLUS, c.DEUTSCH, c.AUSL, c.TUERKEI, c.SYRIEN, c.POLEN, c.RUMAENIEN, c.UKRAINE, c.SONSTIGE, c.HH, c.HH_ALLEINERZ, c.SGB2, c.SGB2_U15, c.ALO, c.GRUSI_65];
    }),
    footnotes: [
      `Quelle: Stadt Musterstadt, Amt für Statistik und Wahlen (Einwohnermelderegister); Bundesagentur für Arbeit (SGB II, Arbeitslose); Stand: 31.12.${y}.`,
      'Fiktive Demodaten der Sozialraum-Werkbank – keine echte Stadt.',
    ],
  }));
  files.set(`${DIR}/sozialdaten.xlsx`, writeWorkbook(sheets));

  // services
  const svcHeader = ['ID', 'NAME', 'TYP', 'TRAEGER', 'PLAETZE', 'ADRESSE', 'BEZ_ID', 'RECHTSWERT', 'HOCHWERT'];
  files.set(
    `${DIR}/angebote.csv`,
    csvWindows1252(
      svcHeader,
      s.services.map((a) => [a.id, a.name, a.typ, a.traeger, String(a.plaetze), `${a.adresse}, Musterstadt`, a.bezId, fmtDe(a.p[0], 1), fmtDe(a.p[1], 1)]),
    ),
  );
  files.set(
    `${DIR}/angebote.geojson`,
    pointGeoJson(
      s.services.map((a) => ({ props: { ID: a.id, NAME: a.name, TYP: a.typ, TRAEGER: a.traeger, PLAETZE: a.plaetze, ADRESSE: `${a.adresse}, Musterstadt`, BEZ_ID: a.bezId }, p: a.p })),
      'angebote',
    ),
  );

  const layer = `${DIR}/bezirke.geojson`;
  const csv = { format: 'csv', encoding: 'windows-1252', delimiter: ';', decimal: ',' };
  return [
    { path: layer, role: 'layer', format: 'geojson', crs: 'EPSG:4326', id: 'BEZ_ID', name: 'BEZ_NAME', parent: 'SBZ_ID', parentLayer: `${DIR}/stadtbezirke.geojson`, label: 'Statistische Bezirke', default: true },
    { path: `${DIR}/stadtbezirke.geojson`, role: 'layer', format: 'geojson', crs: 'EPSG:4326', id: 'SBZ_ID', name: 'SBZ_NAME', label: 'Stadtbezirke' },
    { path: `${DIR}/statistische_bezirke_25832.zip`, role: 'layer', format: 'shapefile', crs: 'EPSG:25832', id: 'BEZ_ID', name: 'BEZ_NAME', parent: 'SBZ_ID', label: 'Statistische Bezirke (Shapefile, EPSG:25832)', sameAs: layer },
    { path: `${DIR}/indikatoren_2019-2024.csv`, role: 'table', ...csv, key: 'BEZ_ID', name: 'BEZ_NAME', year: 'JAHR', years: STADT_YEARS, shape: 'long', layer, label: 'Indikatoren 2019–2024 (je Bezirk und Jahr)', default: true },
    { path: `${DIR}/einwohner_wide.csv`, role: 'table', ...csv, key: 'BEZ_ID', name: 'Stadtteil', shape: 'wide', wideColumns: ['EW_{JAHR}', 'Ausländer_{JAHR}'], years: STADT_YEARS, layer, label: 'Einwohner und Ausländer (Jahre als Spalten)' },
    { path: `${DIR}/sozialdaten.xlsx`, role: 'table', format: 'xlsx', sheets: STADT_YEARS.map(String), titleRows: 2, headerRows: 2, footerRows: 3, key: 'Nr.', name: 'Name', layer, label: 'Sozialdaten (Excel, ein Blatt je Jahr)' },
    { path: `${DIR}/angebote.csv`, role: 'points', ...csv, id: 'ID', name: 'NAME', x: 'RECHTSWERT', y: 'HOCHWERT', crs: 'EPSG:25832', category: 'TYP', capacity: 'PLAETZE', label: 'Angebote (CSV mit Koordinaten)' },
    { path: `${DIR}/angebote.geojson`, role: 'points', format: 'geojson', crs: 'EPSG:4326', id: 'ID', name: 'NAME', category: 'TYP', capacity: 'PLAETZE', label: 'Angebote', default: true },
  ];
}
