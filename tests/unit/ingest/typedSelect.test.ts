import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Duck } from '../../../src/lib/db/duck';
import { createNodeDuck } from '../../../src/lib/db/node';
import { parseNumber, type NumberFormat } from '../../../src/lib/ingest/numbers';
import { quoteLiteral } from '../../../src/lib/sql/ident';
import { missingCond, numberExpr, parseSymbolCounts, preparedFrom, typedInsertSql, typedSelectSql, typingStatsSql } from '../../../src/lib/sql/typedSelect';

let duck: Duck;
beforeAll(async () => {
  duck = await createNodeDuck();
});

const DE: NumberFormat = { decimal: ',', thousands: '.' };

/** One cell per row in c0; `k` keeps rows whose cell is NULL (rows of only NULLs are dropped). */
function stage(name: string, cells: (string | null)[]): void {
  duck.query(`CREATE OR REPLACE TABLE "${name}" (c0 VARCHAR, k VARCHAR)`);
  if (cells.length) duck.query(`INSERT INTO "${name}" VALUES ${cells.map((c) => `(${c === null ? 'NULL' : quoteLiteral(c)}, 'k')`).join(', ')}`);
}

/** The SQL rule applied to each cell, in order. */
function sqlNumbers(cells: (string | null)[], f: NumberFormat): (number | null)[] {
  stage('num', cells);
  const t = duck.query(`SELECT ${numberExpr('p0', f)} AS v FROM ${preparedFrom('num', ['c0'], undefined, ['c0', 'k'])}`);
  return t.toArray().map((r) => (r.toJSON() as { v: number | null }).v);
}

describe('typedSelect SQL builders', () => {
  it('produce the expected SQL text', () => {
    expect(missingCond('t0')).toMatch(/^\(t0 IS NULL OR \(strlen\(t0\) <= \d+ AND t0 IN \('', '-', '–'/);
    expect(numberExpr('p1', { decimal: '.', thousands: '' })).toBe(
      "TRY_CAST(CASE WHEN regexp_full_match(p1, '^[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?$') THEN p1 END AS DOUBLE)",
    );
    expect(numberExpr('p0', DE)).toContain("WHEN regexp_full_match(p0, '^[-+]?[0-9]{1,3}(\\.[0-9]{3})+(,[0-9]*)?$') THEN replace(replace(p0, '.', ''), ',', '.')");
    const sql = typedSelectSql('src', 'dst', [{ raw: 'c0', name: 'Größe "x"', type: 'double' }], DE);
    expect(sql.startsWith('CREATE TABLE "dst" AS SELECT')).toBe(true);
    expect(sql).toContain('AS "Größe ""x"""');
    expect(sql).toContain(`FROM ${preparedFrom('src', ['c0'])}`);
    expect(preparedFrom('src', ['c0'], undefined, ['c0', 'c1'])).toContain('WHERE coalesce("c0", "c1") IS NOT NULL');
    const plain = typedSelectSql('src', 'dst', [{ raw: 'c0', name: 'n', type: 'integer', plain: true }, { raw: 'c1', name: 's', type: 'text', plain: true }], DE);
    expect(plain).toContain('CAST(t0 AS BIGINT) AS "n",\n  t1 AS "s"');
  });

  it('execute: German numbers, percent, missing symbols', () => {
    expect(sqlNumbers(['1.234,5', '53,40%', ' 7 ', '1.5', '-', null, '\u22122,5', 'x'], DE)).toEqual([1234.5, 53.4, 7, null, null, null, -2.5, null]);
  });

  it('execute: a number in parentheses („(3,2)“, limited reliability) is the number, counted apart', () => {
    expect(sqlNumbers(['(3,2)', '(1.234)', '( )', '()', '(x)', '(−2,5 %)'], DE)).toEqual([3.2, 1234, null, null, null, -2.5]);
    expect(parseNumber('(3,2)', DE)).toEqual({ value: 3.2, percent: false, limited: true });
    expect(parseNumber('3,2', DE)).toEqual({ value: 3.2, percent: false, limited: false });
    stage('lim', ['(3,2)', '4,1', '(12,0)', '( )', 'x']);
    const row = duck.query(typingStatsSql('lim', ['c0'], DE, undefined, ['c0', 'k'])).get(0)!.toJSON() as Record<string, unknown>;
    expect([Number(row.d0), Number(row.l0), row.y0, Number(row.m0)]).toEqual([3, 2, '(12,0)', 2]);
    // without the clean-up (no "(" in the file) nothing changes and nothing is counted
    const lean = duck.query(typingStatsSql('lim', ['c0'], DE, { trim: true, percent: false, minus: false }, ['c0', 'k'])).get(0)!.toJSON() as Record<string, unknown>;
    expect([Number(lean.d0), Number(lean.l0)]).toEqual([1, 0]);
  });

  it('execute: statistics decide types and count symbols', () => {
    duck.query('CREATE OR REPLACE TABLE st (c0 VARCHAR, c1 VARCHAR, c2 VARCHAR, c3 VARCHAR)');
    duck.query(`INSERT INTO st VALUES ('001', '1.234', '12,5%', '01.02.2023'), ('002', '-', '·', '2023-03-04'), ('010', NULL, '7', NULL)`);
    const row = duck.query(typingStatsSql('st', ['c0', 'c1', 'c2', 'c3'], DE)).get(0)!.toJSON() as Record<string, unknown>;
    const n = (k: string): number => Number(row[k]);
    expect(n('n')).toBe(3);
    expect([n('z0'), n('d0'), n('f0')]).toEqual([3, 3, 0]);
    expect([n('m1'), n('d1'), n('f1')]).toEqual([2, 1, 0]);
    expect(parseSymbolCounts(row.s1 as string)).toEqual({ '': 1, '-': 1 });
    expect([n('d2'), n('p2'), n('f2')]).toEqual([2, 1, 1]);
    expect(parseSymbolCounts(row.s2 as string)).toEqual({ '·': 1 });
    expect([n('t3'), n('d3'), n('m3')]).toEqual([2, 0, 1]);
    expect(row.x3).toBe('01.02.2023');
    // without the clean-ups the raw cells are compared as they are
    const lean = duck.query(typingStatsSql('st', ['c2'], DE, { trim: false, percent: false, minus: false })).get(0)!.toJSON() as Record<string, unknown>;
    expect(Number(lean.d0)).toBe(1);
    const sql = typedSelectSql('st', 'typed', [
      { raw: 'c0', name: 'id', type: 'text' },
      { raw: 'c1', name: 'n', type: 'integer' },
      { raw: 'c2', name: 'p', type: 'double' },
      { raw: 'c3', name: 'd', type: 'date' },
    ], DE);
    duck.query(sql);
    const types = duck.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'typed' ORDER BY ordinal_position`).toArray().map((r) => r.toJSON().data_type);
    expect(types).toEqual(['VARCHAR', 'BIGINT', 'DOUBLE', 'DATE']);
    duck.query(typedInsertSql('st', 'typed', [
      { raw: 'c0', name: 'id', type: 'text' },
      { raw: 'c1', name: 'n', type: 'integer' },
      { raw: 'c2', name: 'p', type: 'double' },
      { raw: 'c3', name: 'd', type: 'date' },
    ], DE));
    const vals = duck.query('SELECT id, n, p FROM typed').toArray().map((r) => r.toJSON());
    expect(vals.slice(0, 3)).toEqual([{ id: '001', n: 1234, p: 12.5 }, { id: '002', n: null, p: null }, { id: '010', n: null, p: 7 }]);
    expect(vals.length).toBe(6);
  });

  it('property: SQL and JS number parsing agree on arbitrary cells', () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[-+\u2212]?[0-9]{0,7}([.,][0-9]{0,4}){0,3}( ?%)?$/),
      fc.string({ maxLength: 8 }),
      fc.tuple(fc.constantFrom('', ' ', '\t', '\u00a0', '\n'), fc.stringMatching(/^-?[0-9]{1,4}(,[0-9]{1,2})?$/), fc.constantFrom('', '%', ' %', '%%', '% ', '\t')).map(([a, b, c]) => a + b + c),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
      // „(3,2)“: limited reliability, read as the number (also with %, minus, spaces, empty)
      fc.tuple(fc.constantFrom('(', ' (', '(('), fc.stringMatching(/^[-\u2212]?[0-9]{0,4}(,[0-9]{1,2})?( ?%)?$/), fc.constantFrom(')', ') ', '))', '')).map(([a, b, c]) => a + b + c),
    );
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 40 }), fc.constantFrom<NumberFormat>(DE, { decimal: '.', thousands: '' }, { decimal: '.', thousands: ',' }, { decimal: ',', thousands: ' ' }), (cells, f) => {
        const sql = sqlNumbers(cells, f);
        cells.forEach((c, i) => {
          const js = parseNumber(c, f)?.value ?? null;
          if (js === null) expect(sql[i]).toBeNull();
          else expect(sql[i]).toBeCloseTo(js, 9);
        });
      }),
      { numRuns: 60 },
    );
  });
});
