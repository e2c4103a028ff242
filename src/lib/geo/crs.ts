/** Coordinate reference systems German planning offices use, and reprojection to WGS84 with proj4. */
import proj4 from 'proj4';

/** proj4 definitions (from epsg.io) of the CRS the importer knows by code. */
export const CRS_DEFS: Record<string, string> = {
  'EPSG:4326': '+proj=longlat +datum=WGS84 +no_defs +type=crs',
  'EPSG:4258': '+proj=longlat +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +no_defs +type=crs',
  'EPSG:25832': '+proj=utm +zone=32 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
  'EPSG:25833': '+proj=utm +zone=33 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
  'EPSG:31466': '+proj=tmerc +lat_0=0 +lon_0=6 +k=1 +x_0=2500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs +type=crs',
  'EPSG:31467': '+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=3500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs +type=crs',
  'EPSG:3035': '+proj=laea +lat_0=52 +lon_0=10 +x_0=4321000 +y_0=3210000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs +type=crs',
  'EPSG:3857': '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs +type=crs',
};

/** Short German labels for the CRS chooser. */
export const CRS_LABELS: Record<string, string> = {
  'EPSG:4326': 'WGS 84 (Längen-/Breitengrad)',
  'EPSG:4258': 'ETRS89 (Längen-/Breitengrad)',
  'EPSG:25832': 'ETRS89 / UTM 32N (NRW, Hessen, Niedersachsen, Bayern …)',
  'EPSG:25833': 'ETRS89 / UTM 33N (Berlin, Brandenburg, Sachsen …)',
  'EPSG:31466': 'DHDN / Gauß-Krüger Zone 2',
  'EPSG:31467': 'DHDN / Gauß-Krüger Zone 3',
  'EPSG:3035': 'ETRS89 / LAEA Europa (Zensus-Gitter)',
  'EPSG:3857': 'Web Mercator',
};

/** The hint shown whenever a projected file does not say which CRS it uses. */
export const CRS_HINT = 'Wählen Sie das Koordinatensystem, z. B. EPSG:25832 (UTM 32N, NRW).';

for (const [code, def] of Object.entries(CRS_DEFS)) proj4.defs(code, def);

/**
 * Normalise a CRS reference to 'EPSG:n' where possible: 'EPSG:25832', 'epsg:25832', '25832',
 * 'urn:ogc:def:crs:EPSG::25832', 'urn:ogc:def:crs:OGC:1.3:CRS84', 'http://www.opengis.net/def/crs/EPSG/0/25832'.
 */
export function normaliseCrs(ref: string): string {
  const s = ref.trim();
  if (/CRS84$/i.test(s)) return 'EPSG:4326';
  const m = /^(?:urn:ogc:def:crs:)?EPSG:(?:[\d.]*:)?(\d+)$/i.exec(s) ?? /opengis\.net\/def\/crs\/EPSG\/[^/]+\/(\d+)$/i.exec(s) ?? /^(\d{4,5})$/.exec(s);
  return m ? `EPSG:${m[1]}` : s;
}

/** True for geographic CRS (lon/lat in degrees). */
export function isGeographic(crs: string): boolean {
  const n = normaliseCrs(crs);
  if (n === 'EPSG:4326' || n === 'EPSG:4258') return true;
  return /^\s*GEOGCS\[/i.test(n) || /\+proj=longlat/.test(n);
}

/**
 * A converter from `crs` (EPSG code known above, a proj4 string or a .prj WKT) to WGS84 lon/lat;
 * throws when proj4 cannot interpret it.
 */
export function toWgs84(crs: string): (xy: number[]) => number[] {
  const n = normaliseCrs(crs);
  if (/^EPSG:\d+$/.test(n) && !CRS_DEFS[n]) throw new Error(`unbekanntes Koordinatensystem ${n}`);
  const conv = proj4(n, 'EPSG:4326');
  return (xy) => conv.forward([xy[0], xy[1]]);
}

/** Whether the coordinate extent is impossible for lon/lat (so the data are projected). */
export function looksProjected(bbox: [number, number, number, number]): boolean {
  return Math.abs(bbox[0]) > 180 || Math.abs(bbox[2]) > 180 || Math.abs(bbox[1]) > 90 || Math.abs(bbox[3]) > 90;
}
