/** File writers: Windows-1252 CSV, GeoJSON (WGS84 via proj4), ESRI Shapefile (EPSG:25832) zip. */
import proj4 from 'proj4';
import { zipSync } from 'fflate';
import { type Pt, type Ring } from './geom.ts';

export const EPSG25832 = '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs';
export const PRJ_25832 =
  'PROJCS["ETRS_1989_UTM_Zone_32N",GEOGCS["GCS_ETRS_1989",DATUM["D_ETRS_1989",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",9.0],PARAMETER["Scale_Factor",0.9996],' +
  'PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

/** Fixed timestamp for zip entries so regenerated files are byte-identical. */
export const FIXED_DATE = new Date(Date.UTC(2025, 0, 15, 12, 0, 0));

const CP1252_EXTRA: Record<string, number> = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '–': 0x96, '—': 0x97, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94 };

export function encodeWindows1252(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const c = ch.charCodeAt(0);
    if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i] = c;
    else if (CP1252_EXTRA[ch] !== undefined) out[i] = CP1252_EXTRA[ch];
    else throw new Error(`character ${JSON.stringify(ch)} not in Windows-1252`);
  }
  return out;
}

export type Cell = string | number | null;

/** German decimal comma formatting; integers without grouping. */
export function fmtDe(v: Cell, decimals?: number): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  const s = decimals === undefined ? String(v) : v.toFixed(decimals);
  return s.replace('.', ',');
}

/** Semicolon CSV with CRLF line ends (as Excel writes it), encoded as Windows-1252. */
export function csvWindows1252(header: string[], rows: string[][]): Uint8Array {
  const esc = (s: string) => (/[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [header, ...rows].map((r) => r.map(esc).join(';'));
  return encodeWindows1252(lines.join('\r\n') + '\r\n');
}

const toWgs = proj4(EPSG25832, 'EPSG:4326');
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
export function toWgs84(p: Pt): [number, number] {
  const [lon, lat] = toWgs.forward([p[0], p[1]]);
  return [round7(lon), round7(lat)];
}

export interface PolyFeature {
  props: Record<string, string | number>;
  /** Outer rings counter-clockwise (open); several rings ⇒ MultiPolygon without holes. */
  rings: Ring[];
}

const closed = (r: Ring): Ring => [...r, r[0]];

export function polygonGeoJson(features: PolyFeature[], name: string): string {
  const fc = {
    type: 'FeatureCollection',
    name,
    features: features.map((f) => ({
      type: 'Feature',
      properties: f.props,
      geometry:
        f.rings.length === 1
          ? { type: 'Polygon', coordinates: [closed(f.rings[0]).map(toWgs84)] }
          : { type: 'MultiPolygon', coordinates: f.rings.map((r) => [closed(r).map(toWgs84)]) },
    })),
  };
  return JSON.stringify(fc) + '\n';
}

export function pointGeoJson(points: { props: Record<string, string | number>; p: Pt }[], name: string): string {
  const fc = {
    type: 'FeatureCollection',
    name,
    features: points.map((f) => ({ type: 'Feature', properties: f.props, geometry: { type: 'Point', coordinates: toWgs84(f.p) } })),
  };
  return JSON.stringify(fc) + '\n';
}

export interface DbfField {
  name: string; // ≤ 10 ASCII chars
  type: 'C' | 'N';
  length: number;
  decimals?: number;
}

/** dBASE III table, strings encoded as UTF-8 (declared in the .cpg). */
export function writeDbf(fields: DbfField[], records: (string | number)[][]): Uint8Array {
  const enc = new TextEncoder();
  const recLen = 1 + fields.reduce((s, f) => s + f.length, 0);
  const headerLen = 32 + 32 * fields.length + 1;
  const buf = new Uint8Array(headerLen + recLen * records.length + 1);
  const dv = new DataView(buf.buffer);
  buf[0] = 0x03;
  buf[1] = FIXED_DATE.getUTCFullYear() - 1900;
  buf[2] = FIXED_DATE.getUTCMonth() + 1;
  buf[3] = FIXED_DATE.getUTCDate();
  dv.setUint32(4, records.length, true);
  dv.setUint16(8, headerLen, true);
  dv.setUint16(10, recLen, true);
  fields.forEach((f, i) => {
    const o = 32 + 32 * i;
    buf.set(enc.encode(f.name).slice(0, 10), o);
    buf[o + 11] = f.type.charCodeAt(0);
    buf[o + 16] = f.length;
    buf[o + 17] = f.decimals ?? 0;
  });
  buf[headerLen - 1] = 0x0d;
  records.forEach((rec, r) => {
    let o = headerLen + r * recLen;
    buf[o++] = 0x20;
    fields.forEach((f, i) => {
      const v = rec[i];
      let bytes: Uint8Array;
      if (f.type === 'N') {
        const s = typeof v === 'number' ? v.toFixed(f.decimals ?? 0) : String(v);
        if (s.length > f.length) throw new Error(`dbf: ${f.name}=${s} too long`);
        bytes = enc.encode(s.padStart(f.length, ' '));
      } else {
        const b = enc.encode(String(v));
        if (b.length > f.length) throw new Error(`dbf: ${f.name}=${String(v)} too long`);
        bytes = new Uint8Array(f.length).fill(0x20);
        bytes.set(b);
      }
      buf.set(bytes, o);
      o += f.length;
    });
  });
  buf[buf.length - 1] = 0x1a;
  return buf;
}

/** Polygon shapefile (.shp + .shx). Shapefile outer rings are clockwise, so rings are reversed. */
export function writeShpPolygons(shapes: Ring[][]): { shp: Uint8Array; shx: Uint8Array } {
  const recs = shapes.map((rings) => {
    const parts = rings.map((r) => closed(r).reverse());
    const nPts = parts.reduce((s, p) => s + p.length, 0);
    const len = 44 + 4 * parts.length + 16 * nPts;
    const b = new Uint8Array(len);
    const dv = new DataView(b.buffer);
    const all = parts.flat();
    dv.setInt32(0, 5, true);
    dv.setFloat64(4, Math.min(...all.map((p) => p[0])), true);
    dv.setFloat64(12, Math.min(...all.map((p) => p[1])), true);
    dv.setFloat64(20, Math.max(...all.map((p) => p[0])), true);
    dv.setFloat64(28, Math.max(...all.map((p) => p[1])), true);
    dv.setInt32(36, parts.length, true);
    dv.setInt32(40, nPts, true);
    let start = 0;
    parts.forEach((p, i) => {
      dv.setInt32(44 + 4 * i, start, true);
      start += p.length;
    });
    let o = 44 + 4 * parts.length;
    for (const [x, y] of all) {
      dv.setFloat64(o, x, true);
      dv.setFloat64(o + 8, y, true);
      o += 16;
    }
    return b;
  });
  const all = shapes.flat(2);
  const box = [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
  const header = (totalBytes: number) => {
    const h = new Uint8Array(100);
    const dv = new DataView(h.buffer);
    dv.setInt32(0, 9994, false);
    dv.setInt32(24, totalBytes / 2, false);
    dv.setInt32(28, 1000, true);
    dv.setInt32(32, 5, true);
    box.forEach((v, i) => dv.setFloat64(36 + 8 * i, v, true));
    return h;
  };
  const shpLen = 100 + recs.reduce((s, r) => s + 8 + r.length, 0);
  const shp = new Uint8Array(shpLen);
  shp.set(header(shpLen));
  const shxLen = 100 + 8 * recs.length;
  const shx = new Uint8Array(shxLen);
  shx.set(header(shxLen));
  const sdv = new DataView(shp.buffer);
  const xdv = new DataView(shx.buffer);
  let o = 100;
  recs.forEach((r, i) => {
    sdv.setInt32(o, i + 1, false);
    sdv.setInt32(o + 4, r.length / 2, false);
    shp.set(r, o + 8);
    xdv.setInt32(100 + 8 * i, o / 2, false);
    xdv.setInt32(100 + 8 * i + 4, r.length / 2, false);
    o += 8 + r.length;
  });
  return { shp, shx };
}

/** Zipped shapefile layer (.shp .shx .dbf .prj .cpg) in EPSG:25832. */
export function shapefileZip(base: string, shapes: Ring[][], fields: DbfField[], records: (string | number)[][]): Uint8Array {
  const { shp, shx } = writeShpPolygons(shapes);
  const enc = new TextEncoder();
  const entry = (d: Uint8Array): [Uint8Array, { mtime: Date }] => [d, { mtime: FIXED_DATE }];
  return zipSync(
    {
      [`${base}.shp`]: entry(shp),
      [`${base}.shx`]: entry(shx),
      [`${base}.dbf`]: entry(writeDbf(fields, records)),
      [`${base}.prj`]: entry(enc.encode(PRJ_25832)),
      [`${base}.cpg`]: entry(enc.encode('UTF-8')),
    },
    { level: 9 },
  );
}
