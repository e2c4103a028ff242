/**
 * Large inputs (issue 14): a 200 MB person CSV and a 100 MB GeoJSON through the app's import
 * (Engine.importFile on DuckDB-wasm's Node build, the same code as the browser's worker), with
 * the time and the memory it took: the process's resident set after the import and its peak
 * JavaScript heap (sampled between the import's chunks). The GeoJSON is read as a stream; the
 * peer row is the old way, `JSON.parse` of the whole text, for its heap. Called by run.ts.
 */
import { createNodeDuck } from '../../src/lib/db/node';
import { Engine } from '../../src/lib/engine/engine';
import { personCsv } from './import.bench';
import { plainRow, summarise, type BenchRow } from './measure';

const MB = 1e6;

/** `copies` copies of the 21 MB person CSV's body under one header. */
function bigCsv(copies: number): Uint8Array {
  const one = personCsv(1_000_000);
  const body = one.subarray(one.indexOf(10) + 1);
  const out = new Uint8Array(one.length + body.length * (copies - 1));
  out.set(one);
  for (let k = 1; k < copies; k++) out.set(body, one.length + body.length * (k - 1));
  return out;
}

/** A FeatureCollection of 12-corner polygons (with a name, a number and an ID) of about `mb` MB. */
export function bigGeoJson(mb: number): Uint8Array {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [enc.encode('{"type":"FeatureCollection","features":[\n')];
  let size = parts[0].length;
  for (let i = 0; size < mb * MB; i++) {
    const x = 7 + (i % 1000) * 0.0014, y = 51 + Math.floor(i / 1000) * 0.0009;
    const ring: number[][] = [];
    for (let k = 0; k < 12; k++) ring.push([+(x + 0.0007 * Math.cos((k / 12) * 2 * Math.PI)).toFixed(7), +(y + 0.00045 * Math.sin((k / 12) * 2 * Math.PI)).toFixed(7)]);
    ring.push(ring[0]);
    const f = { type: 'Feature', properties: { ID: String(i).padStart(7, '0'), NAME: `Gebiet ${i}`, WERT: (i * 7919) % 1000 }, geometry: { type: 'Polygon', coordinates: [ring] } };
    const p = enc.encode((i ? ',\n' : '') + JSON.stringify(f));
    parts.push(p);
    size += p.length;
  }
  parts.push(enc.encode('\n]}\n'));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Runs `f` and samples the live JS heap every second (the import yields between chunks): after a
 * full garbage collection where the bench runs with --expose-gc (npm run bench does), so the
 * figure is what the import holds, not garbage not yet collected.
 */
async function withPeak<T>(f: () => Promise<T>): Promise<{ value: T; ms: number; heapPeak: number; rss: number }> {
  gc?.();
  let heapPeak = process.memoryUsage().heapUsed;
  const timer = setInterval(() => {
    gc?.();
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  }, 1000);
  const t0 = performance.now();
  try {
    const value = await f();
    const ms = performance.now() - t0;
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    return { value, ms, heapPeak, rss: process.memoryUsage().rss };
  } finally {
    clearInterval(timer);
  }
}

export async function benchLarge(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const engine = new Engine(await createNodeDuck());
  {
    const bytes = bigCsv(10);
    const r = await withPeak(() => engine.importFile({ name: 'personen_gross.csv', bytes }));
    const meta = r.value;
    if (meta.rows !== 10_000_000) throw new Error(`bench: ${meta.rows} rows of 10 000 000`);
    rows.push(plainRow(`CSV ${(bytes.length / MB).toFixed(0)} MB (10 Mio. Zeilen) importiert: JS-Heap max. ${(r.heapPeak / MB).toFixed(0)} MB, Prozess ${(r.rss / MB).toFixed(0)} MB`, summarise([r.ms])));
    engine.dropTable(meta.name);
  }
  {
    const bytes = bigGeoJson(100);
    const r = await withPeak(() => engine.importFile({ name: 'gross.geojson', bytes }));
    rows.push(plainRow(`GeoJSON ${(bytes.length / MB).toFixed(0)} MB (${r.value.rows.toLocaleString('de-DE')} Polygone) als Strom importiert: JS-Heap max. ${(r.heapPeak / MB).toFixed(0)} MB, Prozess ${(r.rss / MB).toFixed(0)} MB`, summarise([r.ms])));
    engine.dropTable(r.value.name);
    // the old way for comparison: the whole text in one JSON.parse (heap only; nothing is imported)
    // (the parsed tree is the value, so it is alive when the heap is read)
    const p = await withPeak(async () => JSON.parse(new TextDecoder().decode(bytes)) as { features: unknown[] });
    if (!p.value.features.length) throw new Error('bench: no features');
    rows.push(plainRow(`GeoJSON ${(bytes.length / MB).toFixed(0)} MB nur JSON.parse des ganzen Texts (früherer Weg, ohne Import): JS-Heap max. ${(p.heapPeak / MB).toFixed(0)} MB`, summarise([p.ms])));
  }
  return rows;
}
