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
});
