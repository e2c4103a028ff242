/**
 * The typing statistics count dates and yes/no words only in columns where they can decide the
 * type (no numbers, no plain words, the smallest other cell looks like one). Every CSV/TXT/XLSX
 * fixture, reference and sample file must import exactly as with the counts in every column:
 * same columns, types, warnings, rows and cell values.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Duck } from '../../src/lib/db/duck';
import { createNodeDuck } from '../../src/lib/db/node';
import { IngestError, ingestFile } from '../../src/lib/ingest/index';
import { statsMode } from '../../src/lib/ingest/typing';
import { dropQuietly } from '../../src/lib/ingest/table';
import { dateExpr, mayBeDateOrWord } from '../../src/lib/sql/typedSelect';
import { ql } from '../../src/lib/sql/ident';

let duck: Duck;
beforeAll(async () => {
  duck = await createNodeDuck();
});
afterEach(() => {
  statsMode.dates = 'needed';
});

const ROOT = path.resolve(import.meta.dirname, '../..');
function tableFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return tableFiles(p);
    return /\.(csv|txt|tsv|xlsx|xls)$/i.test(f) && !/bomb/.test(f) ? [p] : [];
  });
}

async function importAs(mode: 'needed' | 'always', f: string, name: string, options = {}) {
  statsMode.dates = mode;
  try {
    const r = await ingestFile(duck, { name: path.basename(f), bytes: new Uint8Array(readFileSync(f)) }, name, options);
    const cells = duck.query(`SELECT * FROM "${name}" ORDER BY rowid`).toArray().map((row) => JSON.stringify(row.toJSON(), (_, v) => (typeof v === 'bigint' ? `${v}n` : v)));
    dropQuietly(duck, name);
    return { r, cells };
  } catch (e) {
    if (e instanceof IngestError) return { error: e.code };
    throw e;
  }
}

describe('typing: date and yes/no counts only where they decide', () => {
  it('every table file imports exactly as with the counts in every column', async () => {
    const files = [...tableFiles(path.join(ROOT, 'tests/fixtures')), ...tableFiles(path.join(ROOT, 'sample-data'))];
    let compared = 0;
    let dates = 0;
    for (const f of files) {
      // with all columns as text too: every column then goes through the statistics
      for (const options of statSync(f).size < 200_000 ? [{}, { dashZero: true }] : [{}]) {
        const lean = await importAs('needed', f, 'cmp', options);
        const full = await importAs('always', f, 'cmp', options);
        expect({ f, ...lean }).toEqual({ f, ...full });
        if ('r' in full && full.r) {
          compared++;
          if (full.r.columns.some((c) => c.type === 'date' || c.type === 'boolean')) dates++;
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(60);
    // files with date or yes/no columns were among them (the second query ran and decided)
    expect(dates).toBeGreaterThanOrEqual(2);
  }, 240_000);

  it('made-up columns: dates, yes/no words, dates after a word, blanks, symbols, mixed chunks', async () => {
    const rows = [
      ['ID', 'DATUM', 'ISO', 'JN', 'MIX', 'WORT_SPAET', 'LEER', 'ZAHL_DATUM', 'PAD'],
      ['1', '01.02.2023', '2023-02-01', 'ja', '01.02.2023', '01.02.2023', '', '7', ' 01.02.2023'],
      ['2', '1.2.23', '2023-02-30', 'Nein', 'nein', '02.02.2023', '-', '01.02.2023', 'ja '],
      ['3', '-', '', 'JA', '–', '03.02.2023', '', '8', ' nein'],
      ['4', '31.12.1999', '1999-12-31', 'ja', '2023-01-01', 'Zebra', '', '9', 'x'],
    ];
    const file = path.join(ROOT, 'tests/fixtures/.typing-dates.csv');
    const bytes = new TextEncoder().encode(rows.map((r) => r.join(';')).join('\n') + '\n');
    const { writeFileSync, rmSync } = await import('node:fs');
    writeFileSync(file, bytes);
    try {
      for (const chunkBytes of [undefined, 1024]) {
        const lean = await importAs('needed', file, 'cmp', { chunkBytes });
        const full = await importAs('always', file, 'cmp', { chunkBytes });
        expect(lean).toEqual(full);
        if (!('r' in lean) || !lean.r) throw new Error('import failed');
        expect(Object.fromEntries(lean.r.columns.map((c) => [c.name, c.type]))).toMatchObject({ DATUM: 'date', JN: 'boolean', MIX: 'text', WORT_SPAET: 'text' });
      }
    } finally {
      rmSync(file);
    }
  });

  it('a cell judged „no date or yes/no word“ is neither in SQL', () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[0-9]{1,4}[.\-][0-9]{1,2}[.\-][0-9]{1,4}$/),
      fc.constantFrom('ja', 'JA', 'Nein', 'wahr', 'FALSCH', 'yes', 'No', 'true', 'jaa', 'ñein', 'İa', 'KA', 'ja ', '01.02.2023', '2023-02-01', '1.1.1', 'x', '12.3.456'),
      fc.string({ maxLength: 11 }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 20 }), (cells) => {
        const values = cells.map((c, i) => `(${i}, ${ql(c)})`).join(', ');
        const res = duck
          .query(`SELECT i, ${dateExpr('t')} IS NOT NULL AS d, strlen(t) BETWEEN 2 AND 6 AND lower(t) IN ('ja', 'nein', 'true', 'false', 'wahr', 'falsch', 'yes', 'no') AS b FROM (VALUES ${values}) v(i, t) ORDER BY i`)
          .toArray()
          .map((r) => r.toJSON());
        res.forEach((r, i) => {
          if (!mayBeDateOrWord(cells[i])) expect({ cell: cells[i], d: r.d, b: r.b }).toEqual({ cell: cells[i], d: false, b: false });
        });
      }),
      { numRuns: 300, seed: 1428 },
    );
  });
});
