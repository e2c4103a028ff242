/** Zipped Shapefile (.shp/.dbf/.shx/.prj/.cpg) → table with attributes and `_geom` in WGS84. */
import { unzipSync, type UnzipFileInfo } from 'fflate';
import { parseDbf, parseShp } from 'shpjs';
import type { Duck } from '../db/duck';
import { firstInvalidUtf8, fixCp1252 } from './encoding';
import { checkCancelled } from './errors';
import { featuresToArrow, geometryKind, reprojectFeatures, validateGeometries, type Feature, type Geometry } from './geometry';
import { insertDescribed } from './table';
import { IngestError, type Detected, type ImportOptions, type ImportWarning, type IngestResult, type ProgressHooks } from './types';

/** Refuse archives that declare more than this in total (zip bomb guard). */
export const MAX_UNZIPPED_BYTES = 2 * 1024 ** 3;
/** …or whose entries compress better than this (real shapefiles reach ≈ 10–20). */
export const MAX_RATIO = 200;

const WANTED = /\.(shp|dbf|shx|prj|cpg)$/i;

/** Check declared sizes before anything is decompressed; then unzip only the shapefile parts. */
export function unzipShapefile(file: string, bytes: Uint8Array): Record<string, Uint8Array> {
  const infos: UnzipFileInfo[] = [];
  unzipSync(bytes, { filter: (f) => (infos.push(f), false) });
  const total = infos.reduce((s, f) => s + f.originalSize, 0);
  const worst = infos.reduce((m, f) => Math.max(m, f.size > 0 ? f.originalSize / f.size : f.originalSize > 0 ? Infinity : 0), 0);
  if (total > MAX_UNZIPPED_BYTES || (worst > MAX_RATIO && total > 10 * 1024 * 1024)) {
    throw new IngestError(`„${file}“ wird nicht entpackt: das Archiv würde ${(total / 1024 ** 2).toFixed(0)} MB ergeben (Verdacht auf ZIP-Bombe).`, {
      file, code: 'zip_bomb', hint: 'Entpacken Sie die Datei selbst und prüfen Sie sie, oder packen Sie nur .shp, .dbf, .shx und .prj in ein neues ZIP.',
    });
  }
  return unzipSync(bytes, { filter: (f) => WANTED.test(f.name) && !f.name.includes('__MACOSX') });
}

const decoderFor = (enc: string): TextDecoder => {
  try {
    return new TextDecoder(enc);
  } catch {
    return new TextDecoder('windows-1252');
  }
};

/** Encoding of the .dbf: from the .cpg when present, else UTF-8 if valid, else Windows-1252 (German default). */
export function dbfEncoding(dbf: Uint8Array, cpg?: Uint8Array): string {
  const c = cpg ? new TextDecoder().decode(cpg).trim() : '';
  if (c) {
    const m = /^(?:ANSI\s*)?(\d{3,4})$/.exec(c);
    if (m) return m[1] === '65001' ? 'utf-8' : `windows-${m[1]}`;
    return decoderFor(c).encoding;
  }
  return firstInvalidUtf8(dbf) < 0 ? 'utf-8' : 'windows-1252';
}

/** Load the (first) layer of a zipped Shapefile into `target`. */
export function loadShapefile(duck: Duck, file: string, bytes: Uint8Array, target: string, options: ImportOptions, hooks: ProgressHooks = {}): Omit<IngestResult, 'table'> {
  const warnings: ImportWarning[] = [];
  const parts = unzipShapefile(file, bytes);
  const byExt = (base: string, e: string): Uint8Array | undefined => {
    const key = Object.keys(parts).find((k) => k.slice(0, -4) === base && k.slice(-4).toLowerCase() === e);
    return key ? parts[key] : undefined;
  };
  const layers = Object.keys(parts).filter((k) => /\.shp$/i.test(k)).map((k) => k.slice(0, -4));
  if (layers.length === 0) throw new IngestError(`„${file}“ enthält keine .shp-Datei.`, { file, code: 'no_shp', hint: 'Packen Sie .shp, .dbf, .shx und .prj gemeinsam in ein ZIP.' });
  const base = layers.find((l) => byExt(l, '.dbf')) ?? layers[0];
  if (layers.length > 1) warnings.push({ code: 'several_layers', message: `„${file}“ enthält ${layers.length} Ebenen; geladen wurde „${base}“.` });
  const dbf = byExt(base, '.dbf');
  if (!dbf) {
    throw new IngestError(`„${file}“: Zur Geometrie „${base}.shp“ fehlt die Sachdatentabelle „${base}.dbf“.`, {
      file, code: 'no_dbf', hint: 'Ein Shapefile besteht aus mehreren Dateien. Packen Sie .shp, .dbf, .shx und .prj mit gleichem Namen gemeinsam in ein ZIP.',
    });
  }
  const prj = byExt(base, '.prj');
  const cpg = byExt(base, '.cpg');
  hooks.onProgress?.(0.2, 'Geometrien lesen');
  let geoms: (Geometry | null)[];
  let rows: Record<string, unknown>[];
  const encoding = dbfEncoding(dbf, cpg);
  try {
    geoms = parseShp(byExt(base, '.shp')!) as (Geometry | null)[];
    rows = parseDbf(dbf, encoding) as Record<string, unknown>[];
    if (encoding === 'windows-1252') for (const r of rows) for (const k in r) if (typeof r[k] === 'string') r[k] = fixCp1252(r[k] as string);
  } catch (e) {
    throw new IngestError(`„${file}“: Das Shapefile „${base}“ ist beschädigt (${(e as Error).message}).`, { file, code: 'shp_corrupt', hint: 'Exportieren Sie die Ebene im GIS erneut als Shapefile.' });
  }
  checkCancelled(file, hooks.isCancelled);
  if (rows.length !== geoms.length) {
    warnings.push({ code: 'dbf_mismatch', message: `„${file}“: ${geoms.length} Geometrien, aber ${rows.length} Sachdatenzeilen; überzählige bleiben leer.` });
  }
  const features: Feature[] = geoms.map((g, i) => ({ type: 'Feature', geometry: g, properties: rows[i] ?? {} }));
  validateGeometries(file, features, warnings);
  const wkt = prj ? new TextDecoder().decode(prj).trim() : undefined;
  const { crs, bbox } = reprojectFeatures(file, features, wkt || undefined, options.crs);
  hooks.onProgress?.(0.6, 'Umrechnen');
  checkCancelled(file, hooks.isCancelled);
  const described = insertDescribed(duck, target, featuresToArrow(features, warnings));
  const crsName = crs && /^(PROJCS|GEOGCS)\["([^"]+)"/.exec(crs)?.[2];
  const detected: Detected = { format: 'shapefile', encoding: encoding === 'utf-8' ? 'utf-8' : 'windows-1252', crs: crsName || crs, geometryType: geometryKind(features) };
  return { rows: described.rows, columns: described.columns, detected, warnings, bbox, geometryKinds: described.geometryKinds };
}
