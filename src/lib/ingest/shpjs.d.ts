/** Minimal types for shpjs 6 (the package ships none). */
declare module 'shpjs' {
  /** Geometries of a .shp; with `prj` (WKT or proj4 converter) reprojected to WGS84. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView | DataView, prj?: string | false): unknown[];
  /** Rows of a .dbf decoded with the code page `cpg` (TextDecoder label or ANSI number). */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView | DataView, cpg?: string): Record<string, unknown>[];
}
