// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForEngine, waitForMap } from '../e2e/harness';

/**
 * The e2e harness's waits run their observer script in the page (a string for `page.evaluate`). Here the
 * „page“ is jsdom: the same script runs against a status chip / map element the test changes, so the
 * in-page code (MutationObserver, selector, timeout) and the Node side (deadline, error text, restart
 * after a navigation) are both exercised without a browser.
 */
function fakePage(over: Partial<Record<'evaluate' | 'waitForLoadState', (...a: unknown[]) => unknown>> = {}) {
  const calls: string[] = [];
  const page = {
    evaluate: (js: string) => { calls.push(js); return Promise.resolve((0, eval)(js)); },
    isClosed: () => false,
    waitForLoadState: vi.fn(async () => {}),
    ...over,
  };
  return { page: page as unknown as Page, calls };
}
const chip = (cls = 'status', text = 'Rechenkern startet …') => {
  const el = document.body.appendChild(document.createElement('span'));
  el.dataset.testid = 'engine-status';
  el.className = cls;
  el.textContent = text;
  return el;
};

afterEach(() => document.body.replaceChildren());

describe('waitForEngine: an observer in the page instead of polling „bereit“ (qa6)', () => {
  it('returns once the chip turns ready (class ok), not before', async () => {
    const el = chip();
    const { page } = fakePage();
    let done = false;
    const wait = waitForEngine(page, 5_000).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    el.textContent = 'Rechenkern bereit · Daten bleiben im Browser';
    el.classList.add('ok');
    await wait;
    expect(done).toBe(true);
  });

  it('returns at once when the engine is ready already', async () => {
    chip('status ok', 'Rechenkern bereit · Daten bleiben im Browser');
    const { page, calls } = fakePage();
    await waitForEngine(page, 5_000);
    expect(calls).toHaveLength(1);
  });

  it('times out with a clear error that says what the chip says instead', async () => {
    chip('status', 'Rechenkern konnte nicht starten: kein WebAssembly');
    const { page } = fakePage();
    await expect(waitForEngine(page, 60)).rejects.toThrow(
      'waitForEngine: the engine was not ready („Rechenkern bereit“) within 60 ms (waiting for [data-testid="engine-status"].ok; now: „Rechenkern konnte nicht starten: kein WebAssembly“)',
    );
    document.body.replaceChildren();
    await expect(waitForEngine(fakePage().page, 30)).rejects.toThrow(/now: no status chip\)$/);
  });

  it('a navigation under the wait (reload, wipe) restarts it in the new document', async () => {
    const el = chip();
    let first = true;
    const { page } = fakePage({
      evaluate: (js: unknown) => {
        if (first) { first = false; return Promise.reject(new Error('page.evaluate: Execution context was destroyed, most likely because of a navigation')); }
        return Promise.resolve((0, eval)(js as string));
      },
    });
    setTimeout(() => el.classList.add('ok'), 20);
    await waitForEngine(page, 5_000);
    expect((page as unknown as { waitForLoadState: ReturnType<typeof vi.fn> }).waitForLoadState).toHaveBeenCalledTimes(1);
  });

  it('navigation „fail“ (the bench): a page the app navigates away from fails at once instead of waiting again (qa7)', async () => {
    const { page } = fakePage({ evaluate: () => Promise.reject(new Error('page.evaluate: Execution context was destroyed, most likely because of a navigation')) });
    await expect(waitForMap(page, 5_000, 'fail')).rejects.toThrow(/Execution context was destroyed/);
    expect((page as unknown as { waitForLoadState: ReturnType<typeof vi.fn> }).waitForLoadState).not.toHaveBeenCalled();
  });

  it('other errors are not swallowed; waitForMap uses the same observer', async () => {
    const { page } = fakePage({ evaluate: () => Promise.reject(new Error('Target page, context or browser has been closed')) });
    await expect(waitForEngine(page, 1_000)).rejects.toThrow(/has been closed/);
    const map = document.body.appendChild(document.createElement('div'));
    map.dataset.testid = 'map';
    map.dataset.mapReady = 'false';
    setTimeout(() => (map.dataset.mapReady = 'true'), 20);
    await waitForMap(fakePage().page, 5_000);
    map.dataset.mapReady = 'false';
    await expect(waitForMap(fakePage().page, 40)).rejects.toThrow(/^waitForMap: the map was not ready within 40 ms .*now: data-map-ready=false\)$/);
  });
});
