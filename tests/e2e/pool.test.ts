import { describe, expect, it } from 'vitest';
import { useBrowser, waitForMap } from './harness';

const ctx = useBrowser();

/**
 * The permutation work runs on a pool of workers started by the engine worker. The same seed
 * must give the same numbers whether one worker or several share the chunks (and whether they
 * run at all: `setWorkers(0)` is the default, which keeps small jobs in the engine worker).
 * Code for the page is a string (functions compiled by tsx carry a helper the page lacks).
 */
describe('worker pool in the browser', () => {
  it('global Moran and LISA: identical numbers on 1 and 3 workers and in the default setting', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ctx.server.url}/?demo=musterstadt&test=1&workers=3`, { timeout: 90_000 });
    await waitForMap(page, 180_000);
    const out = (await page.evaluate(`(async () => {
      const e = window.__srw.engine();
      const layer = window.__srw.state().layer;
      const moran = { source: { layer }, column: 'FLAECHE_KM2', weights: { type: 'queen' }, permutations: 999, seed: 7, alpha: 0.05, fdr: false };
      const runs = [];
      for (const n of [1, 3, 0]) {
        const size = await e.setWorkers(n);
        const m = await e.moran(moran);
        runs.push({ size, I: m.global.I, pSim: m.global.pSim, nul: Array.from(m.null), lisa: Array.from(m.pSim) });
      }
      return runs;
    })()`)) as { size: number; I: number; pSim: number; nul: number[]; lisa: number[] }[];
    expect(out.map((r) => r.size).slice(0, 2)).toEqual([1, 3]);
    expect(out[2].size).toBeGreaterThanOrEqual(1);
    expect(out[0].nul.length).toBe(999);
    for (const r of out.slice(1)) {
      expect(r.I).toBe(out[0].I);
      expect(r.pSim).toBe(out[0].pSim);
      expect(r.nul).toEqual(out[0].nul);
      expect(r.lisa).toEqual(out[0].lisa);
    }
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);

  it('a CSV read by DuckDB while a pool worker scans it equals the import without the worker', async () => {
    const page = await ctx.browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${ctx.server.url}/?test=1`, { timeout: 90_000 });
    // polled through page.evaluate: a string predicate of waitForFunction is eval'd in the page, which the
    // app's CSP (no 'unsafe-eval') refuses once it is in place — a race that failed in CI
    await expect.poll(() => page.evaluate('!!(window.__srw && window.__srw.engine)'), { timeout: 120_000 }).toBe(true);
    // 1.4 MB: above the read-ahead minimum; one forced worker reads ahead, the default setting (small job) scans here
    const out = (await page.evaluate(`(async () => {
      const e = window.__srw.engine();
      const lines = ['GEBIET;ALTER;GESCHLECHT;SGB2'];
      for (let i = 0; i < 100000; i++) lines.push(String(i % 997).padStart(4, '0') + ';' + ((i * 7) % 95) + ';' + (i % 2 ? 'm' : 'w') + ';' + (i % 9 === 0 ? '' : i % 3));
      const bytes = new TextEncoder().encode(lines.join('\\r\\n') + '\\r\\n');
      const runs = [];
      for (const n of [1, 0]) {
        await e.setWorkers(n);
        const meta = await e.importFile({ name: 'personen.csv', bytes: bytes.slice() });
        const sql = 'SELECT count(*) AS n, sum("ALTER") AS a, sum("SGB2") AS s, count(DISTINCT "GEBIET") AS g, min("GEBIET") AS lo, bit_xor(hash("GEBIET", "ALTER", "GESCHLECHT", "SGB2")) AS h FROM "' + meta.name + '"';
        runs.push({ rows: meta.rows, columns: meta.columns, warnings: meta.warnings, result: Array.from(await e.query(sql)) });
      }
      return runs;
    })()`)) as { rows: number; columns: { name: string; type: string }[]; warnings: unknown[]; result: number[] }[];
    expect(out[0].rows).toBe(100_000);
    expect(out[0].columns.map((c) => c.type)).toEqual(['text', 'integer', 'text', 'integer']);
    expect(out[1]).toEqual(out[0]);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
