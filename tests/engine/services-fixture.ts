/**
 * Small hand-checkable inputs for the "Angebote & Bedarfe" engine and CLI tests, built in EPSG:25832
 * around E 400 000 / N 5 710 000 and written as the files planners have (CSV with decimal commas,
 * GeoJSON in WGS84). See services.test.ts for the expected figures.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import proj4 from 'proj4';
import '../../src/lib/geo/crs';

const toLonLat = (x: number, y: number) => proj4('EPSG:25832', 'EPSG:4326').forward([x, y]).map((v) => Math.round(v * 1e9) / 1e9);
const square = (x0: number, y0: number, s: number) => [[x0, y0], [x0 + s, y0], [x0 + s, y0 + s], [x0, y0 + s], [x0, y0]].map(([x, y]) => toLonLat(x, y));

/** Areas 01 (with a hole), 02, 03 and the enclave 04 filling 01's hole; EW_U6 per area. */
export const AREAS = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { ID: '01', NAME: 'Altstadt', EW_U6: 200 }, geometry: { type: 'Polygon', coordinates: [square(400000, 5710000, 1000), square(400400, 5710400, 200).reverse()] } },
    { type: 'Feature', properties: { ID: '02', NAME: 'Hafen', EW_U6: 50 }, geometry: { type: 'Polygon', coordinates: [square(401000, 5710000, 1000)] } },
    { type: 'Feature', properties: { ID: '03', NAME: 'Nord', EW_U6: 0 }, geometry: { type: 'Polygon', coordinates: [square(400000, 5711000, 1000)] } },
    { type: 'Feature', properties: { ID: '04', NAME: 'Insel', EW_U6: 120 }, geometry: { type: 'MultiPolygon', coordinates: [[square(400400, 5710400, 200)]] } },
  ],
};

export const SERVICES_CSV = [
  'ID;NAME;TYP;PLAETZE;RECHTSWERT;HOCHWERT',
  'K1;Kita Eins;Kita;40;400200,0;5710200,0',
  'K2;Kita Zwei;Kita;ca. 40;400800,0;5710800,0',
  'K3;Kita Drei;Kita;60;400500,0;5710500,0',
  'K4;Kita Vier;Kita;-5;401500,0;5710500,0',
  'B1;Beratung Hafen;Beratungsstelle;10;401500,0;5710700,0',
  'K5;Kita Fünf;Kita;30;;',
  'K6;Kita Sechs;Kita;20;405000,0;5710000,0',
  'K1;Kita Doppelt;Kita;25;400300,0;5711500,0',
].join('\n');

/** PySAL's hospital example (test_hospital_example.py, scenario 0) as three CSV files. */
export const HOSPITAL = {
  demand: 'geoid;pop\n1;100\n2;50\n3;10\n',
  supply: 'geoid;doc\n1;15\n2;20\n3;100\n',
  cost: 'origin;dest;cost\n1;1;1\n2;2;1\n3;3;1\n1;3;40\n2;3;40\n3;1;40\n3;2;40\n1;2;80\n2;1;80\n',
};

/** 5 × 5 demand grid, 100 m apart, one child each; one service with 10 places at the centre. */
export function gridDemandCsv(): string {
  const rows = ['ZELLE;x_mp_100m;y_mp_100m;KINDER'];
  for (let y = 0; y < 5; y++) for (let x = 0; x < 5; x++) rows.push(`${y * 5 + x + 1};${400000 + x * 100};${5710000 + y * 100};1`);
  return rows.join('\n');
}
export const GRID_SUPPLY_CSV = 'ID;PLAETZE;RECHTSWERT;HOCHWERT\nZ;10;400200;5710200\n';

/** A 5 × 5 street lattice (100 m blocks) plus a cut-off path, as GeoJSON lines in WGS84. */
export function latticeGeoJson(): string {
  const lines: number[][][] = [];
  for (let k = 0; k < 5; k++) {
    lines.push([0, 1, 2, 3, 4].map((i) => toLonLat(400000 + i * 100, 5710000 + k * 100)));
    lines.push([0, 1, 2, 3, 4].map((i) => toLonLat(400000 + k * 100, 5710000 + i * 100)));
  }
  lines.push([toLonLat(403000, 5713000), toLonLat(403100, 5713000)]);
  return JSON.stringify({ type: 'FeatureCollection', features: lines.map((c, k) => ({ type: 'Feature', properties: { k }, geometry: { type: 'LineString', coordinates: c } })) });
}
export const NET_HOMES_CSV = 'ID;EW;RW;HW\nH0;10;400000;5709990\nH1;30;400410;5710400\n';
export const NET_SERVICES_CSV = 'ID;PLAETZE;RW;HW\nA;20;400200;5710005\nB;40;400400;5710395\n';

/** Writes the fixture files into a fresh temp directory and returns their paths. */
export function writeFixtures(): Record<string, string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'srw-services-'));
  const files: Record<string, string> = {
    areas: 'gebiete.geojson', services: 'angebote.csv', hDemand: 'nachfrage.csv', hSupply: 'aerzte.csv', hCost: 'kosten.csv',
    grid: 'gitter.csv', gridSupply: 'zentrum.csv', net: 'wege.geojson', homes: 'wohnungen.csv', netServices: 'kitas.csv',
    emptyCost: 'leer.csv', dupSupply: 'doppelt.csv',
  };
  const content: Record<string, string> = {
    areas: JSON.stringify(AREAS), services: SERVICES_CSV, hDemand: HOSPITAL.demand, hSupply: HOSPITAL.supply, hCost: HOSPITAL.cost,
    grid: gridDemandCsv(), gridSupply: GRID_SUPPLY_CSV, net: latticeGeoJson(), homes: NET_HOMES_CSV, netServices: NET_SERVICES_CSV,
    emptyCost: 'origin;dest;cost\n', dupSupply: 'geoid;doc\n1;15\n1;20\n3;100\n',
  };
  const out: Record<string, string> = {};
  for (const [k, name] of Object.entries(files)) {
    out[k] = path.join(dir, name);
    writeFileSync(out[k], content[k]);
  }
  return out;
}
