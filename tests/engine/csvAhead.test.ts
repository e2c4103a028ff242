/**
 * Reading ahead of the byte scan (issue 14): with a worker beside the engine, a large CSV is read
 * by DuckDB with the sample's types while the worker scans it. Whatever the file holds after the
 * sample, the result must equal the import without a worker; a read that the scan confirms is
 * kept (DuckDB reads the body once).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Duck } from '../../src/lib/db/duck';
import { createNodeDuck } from '../../src/lib/db/node';
import { ingestFile, type IngestResult } from '../../src/lib/ingest/index';
import { AHEAD_MIN_BYTES } from '../../src/lib/ingest/csvAhead';
import { nodeRunner } from '../../src/lib/parallel/node';
import type { ChunkRunner } from '../../src/lib/parallel/pool';

let duck: Duck;
let pool: ChunkRunner;
beforeAll(async () => {
  duck = await createNodeDuck();
  pool = nodeRunner(1, true);
});
afterAll(() => pool.close());

const ROWS = 100_000;
const rows = (sql: string) => duck.query(sql).toArray().map((r) => r.toJSON() as Record<string, unknown>);
const cp1252 = (t: string) => Uint8Array.from([...t].map((ch) => (ch === '–' ? 0x96 : ch.charCodeAt(0))));

/** A person-level file well beyond the sample; `late(i)` may replace line i of the body. */
function file(late: (i: number) => string | undefined = () => undefined, top = 'GEBIET;ALTER;GESCHLECHT;SGB2', bottom: string[] = []): string {
  const lines = [top];
  for (let i = 0; i < ROWS; i++) lines.push(late(i) ?? `${String(i % 997).padStart(4, '0')};${(i * 7) % 95};${i % 2 ? 'm' : 'w'};${i % 9 === 0 ? '' : i % 3}`);
  return [...lines, ...bottom].join('\r\n') + '\r\n';
}

/** Imports `text` without and with the worker: both results, the read_csv calls of the second. */
async function both(text: string, name: string, encode: (t: string) => Uint8Array = (t) => new TextEncoder().encode(t)) {
  const bytes = encode(text);
  expect(bytes.length).toBeGreaterThan(AHEAD_MIN_BYTES);
  const plain = await ingestFile(duck, { name: `${name}.csv`, bytes }, `${name}_here`, { chunkBytes: 512 * 1024 });
  const query = duck.query;
  let reads = 0;
  duck.query = (sql) => ((reads += sql.includes('read_csv(') ? 1 : 0), query(sql));
  let ahead: IngestResult;
  const progress: number[] = [];
  try {
    ahead = await ingestFile(duck, { name: `${name}.csv`, bytes }, `${name}_pool`, { chunkBytes: 512 * 1024 }, { runner: pool, onProgress: (f) => progress.push(f) });
  } finally {
    duck.query = query;
  }
  // a read ahead that is not kept never sends the progress bar back
  expect([...progress].sort((a, b) => a - b)).toEqual(progress);
  expect(progress.at(-1)).toBe(1);
  expect(ahead).toEqual({ ...plain, table: `${name}_pool` });
  const all = (t: string) => rows(`SELECT * FROM ${t}`);
  expect(all(`${name}_pool`)).toEqual(all(`${name}_here`));
  // the caller's bytes are left as they were: DuckDB copies each chunk, the worker gets its own copy
  expect(Buffer.from(bytes).equals(Buffer.from(encode(text)))).toBe(true);
  const chunks = Math.ceil(bytes.length / (512 * 1024));
  return { plain, reads, chunks };
}

describe('CSV read ahead of the scan (worker beside the engine)', () => {
  it('a plain file is read once, with the types of the sample, and equals the import without a worker', async () => {
    const { plain, reads, chunks } = await both(file(), 'plain');
    expect(plain.rows).toBe(ROWS);
    expect(plain.columns.map((c) => [c.name, c.type])).toEqual([['GEBIET', 'text'], ['ALTER', 'integer'], ['GESCHLECHT', 'text'], ['SGB2', 'integer']]);
    // one read_csv per chunk: the read ahead was kept
    expect(reads).toBeLessThanOrEqual(chunks);
  });

  it('what the sample does not show is decided on the whole file: a letter, a leading zero, a decimal comma far down', async () => {
    const late = (i: number) => (i === 80_000 ? '0001;4a;w;1' : i === 80_001 ? '0002;33;w;07' : i === 90_000 ? '0003;12;m;1,5' : undefined);
    const { plain, reads, chunks } = await both(file(late), 'late');
    expect(plain.columns.map((c) => [c.name, c.type])).toEqual([['GEBIET', 'text'], ['ALTER', 'text'], ['GESCHLECHT', 'text'], ['SGB2', 'text']]);
    expect(plain.warnings.map((w) => w.code)).toContain('text_in_numeric');
    // read ahead, then again on the general path
    expect(reads).toBeGreaterThan(chunks);
  });

  it('quotes, ragged rows, blank and delimiter-only lines, a sums row and a footnote below', async () => {
    const late = (i: number) =>
      i === 40_000 ? '"0040";"12";"m";"1"' : i === 41_000 ? 'Q041;"5";"Zeile\numbruch;mit Trenner";1' : i === 42_000 ? '0042;7' : i === 43_000 ? ';;;' : i === 44_000 ? '' : undefined;
    const { plain } = await both(file(late, 'GEBIET;ALTER;GESCHLECHT;SGB2', ['Insgesamt;123;;4', 'Quelle: Melderegister, Stand 31.12.2025']), 'messy');
    expect(plain.rows).toBe(ROWS - 2);
    expect(plain.warnings.map((w) => w.code)).toContain('ragged_rows');
    expect(plain.detected.footerRows).toBe(1);
    expect(rows(`SELECT "GESCHLECHT" AS g FROM messy_pool WHERE "GEBIET" = 'Q041'`)).toEqual([{ g: 'Zeile\numbruch;mit Trenner' }]);
  });

  it('a plain footer, title lines and blank lines in Windows-1252 keep the read ahead', async () => {
    const text = file((i) => (i === 70_000 ? ';;;' : i === 70_001 ? '' : undefined), 'Tabelle 1: Einwohner – Köln\r\n\r\nGEBIET;ALTER;GESCHLECHT;SGB2', ['Quelle: Stadt Köln – Amt für Stadtentwicklung und Statistik']);
    const { plain, reads, chunks } = await both(text, 'titled', cp1252);
    expect(plain.detected.encoding).toBe('windows-1252');
    expect(plain.rows).toBe(ROWS - 2);
    expect(plain.detected.notes?.below[0]).toContain('Amt für Stadtentwicklung');
    expect(reads).toBeLessThanOrEqual(chunks);
  });
});
