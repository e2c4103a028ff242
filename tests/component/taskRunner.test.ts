import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import RobustnessPanel from '../../src/components/index/RobustnessPanel.svelte';
import Notices from '../../src/components/Notices.svelte';
import BusyBar from '../../src/components/BusyBar.svelte';
import { AppState } from '../../src/lib/state/app.svelte';
import { MapState } from '../../src/lib/state/map.svelte';
import { SozialindexState } from '../../src/lib/state/sozialindex.svelte';
import { computeIndex } from '../../src/lib/analysis/sozialindex';
import { cancelled, type IndexRun, type ProgressFn, type TaskId } from '../../src/lib/contract';
import { IngestError } from '../../src/lib/ingest/types';
import { i18n } from '../../src/lib/state/i18n.svelte';
import { fakeStarter } from '../helpers/fakeEngine';

afterEach(() => {
  cleanup();
  i18n.set('de');
});

function run(): IndexRun {
  const ids = ['a', 'b', 'c', 'd'];
  const values = [Float64Array.from([1, 2, 3, 4])];
  const base = computeIndex({ ids, values, names: ['Quote'] }, { minPopulation: 0 });
  return { ids, names: ['Nord', 'Süd', 'West', 'Mitte'], indicatorNames: ['Quote'], year: '2024', preset: 'standard', base, values, population: null, status: null, domains: null };
}

/** A robustness answer the panel can draw (no noise: every run gives the base ranks). */
function robustness(r: IndexRun) {
  const n = r.ids.length;
  const rank = Float64Array.from(r.base.rank);
  return {
    runs: 10, concentration: 50, ownClassProb: new Float64Array(n).fill(1), scenarios: [], maxRankShift: new Float64Array(n),
    correlation: Float64Array.from([1]), cronbachAlpha: NaN,
    monteCarlo: { runs: 10, rankLow: rank, rankMedian: rank, rankHigh: rank, classProb: [new Float64Array(n).fill(1)], rankResolution: 1 },
  };
}

function setup(api: Record<string, (...args: never[]) => unknown>) {
  const app = new AppState(fakeStarter({ layerLabels: () => ({ ids: [], names: [] }), ...api }));
  const map = new MapState(app);
  const ix = new SozialindexState(app, map);
  ix.run = run();
  // the panel only needs a request: one indicator on a layer
  ix.layer = 'l';
  ix.indicators = [{ uid: 1, name: 'Quote', numerator: 'x', denominator: null, weight: 1, polarity: 1 }];
  return { app, ix };
}

const runButton = () => screen.getByTestId('ix-rob-run') as HTMLButtonElement;

describe('one task runner: no control stays busy', () => {
  it('robustness: progress that arrives after the answer does not bring back the busy state', async () => {
    let late: ProgressFn | null = null;
    const { app, ix } = setup({
      async indexRobustness(_req: never, _spec: never, onProgress: ProgressFn) {
        await onProgress(0.3, 'montecarlo');
        late = onProgress;
        return robustness(run());
      },
    });
    render(RobustnessPanel, { ix });
    render(BusyBar, { app });
    await fireEvent.click(runButton());
    await waitFor(() => expect(ix.robustness).not.toBeNull());
    // the worker's last progress message overtakes nothing: it arrives after the result
    await late!(0.95, 'correlation');
    await new Promise((r) => setTimeout(r, 20));
    expect(runButton().disabled).toBe(false);
    expect(screen.queryByTestId('ix-rob-cancel')).toBeNull();
    expect(app.busy).toBeNull();
    // the bar follows at most every 0.4 s (BusyBar): it goes, and the late message does not bring it back
    await waitFor(() => expect(screen.queryByTestId('busy')).toBeNull());
    await new Promise((r) => setTimeout(r, 450));
    expect(screen.queryByTestId('busy')).toBeNull();
    expect(ix.robustTask.running).toBe(false);
  });

  it('robustness: „Abbrechen“ cancels exactly this task and frees the button', async () => {
    const cancels: (TaskId | undefined)[] = [];
    let wake: (() => void) | null = null;
    const { app, ix } = setup({
      async indexRobustness(_req: never, _spec: never, onProgress: ProgressFn, id: TaskId) {
        await onProgress(0.1, 'montecarlo');
        // runs until its cancel arrives (as the Monte Carlo loop polls between runs)
        if (!cancels.includes(id)) await new Promise<void>((r) => (wake = r));
        if (cancels.includes(id)) throw cancelled();
        return robustness(run());
      },
      cancel(id: TaskId) {
        cancels.push(id);
        wake?.();
      },
    });
    render(RobustnessPanel, { ix });
    render(Notices, { app });
    await fireEvent.click(runButton());
    await waitFor(() => expect(screen.getByTestId('ix-rob-cancel')).toBeTruthy());
    expect(runButton().disabled).toBe(true);
    expect(await screen.findByText('Gewichtsvarianten')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('ix-rob-cancel'));
    await waitFor(() => expect(runButton().disabled).toBe(false));
    expect(cancels).toHaveLength(1);
    expect(typeof cancels[0]).toBe('number');
    expect(screen.queryByTestId('ix-rob-cancel')).toBeNull();
    expect(ix.robustness).toBeNull();
    // a cancel is news, not an error
    expect(screen.getByTestId('notice-info').textContent).toContain('abgebrochen');
    expect(app.busy).toBeNull();
  });

  it('an error ends the task too and is shown translated', async () => {
    const { ix } = setup({
      async indexRobustness() {
        throw new Error('invalid runs: 0');
      },
    });
    render(RobustnessPanel, { ix });
    const { container } = render(Notices, { app: (ix as unknown as { app: AppState }).app });
    await fireEvent.click(runButton());
    await waitFor(() => expect(screen.getByTestId('notice-error')).toBeTruthy());
    expect(container.textContent).toContain('Ungültige Einstellung „Durchläufe“: 0');
    await waitFor(() => expect(runButton().disabled).toBe(false));
  });
});

describe('errors as data across the worker boundary', () => {
  it('the hint of an import error reaches the notice, in German', async () => {
    const app = new AppState(
      fakeStarter({
        async importFile() {
          throw new IngestError('Die Datei „x.csv“ hat in Zeile 3 ein offenes Anführungszeichen.', { file: 'x.csv', line: 3, hint: 'Speichern Sie die Datei in Excel erneut als „CSV (Trennzeichen-getrennt)“.' });
        },
      }),
    );
    render(Notices, { app });
    const before = app.tables.length;
    await app.importFiles([{ name: 'x.csv', bytes: new Uint8Array([1, 2, 3]) }]);
    const notice = await screen.findByTestId('notice-error');
    expect(notice.textContent).toContain('offenes Anführungszeichen');
    expect(notice.textContent).toContain('Was tun: Speichern Sie die Datei in Excel erneut');
    expect(app.tables.length).toBe(before);
    expect(app.busy).toBeNull();
  });

  it('a coded engine error reads in the chosen language', async () => {
    i18n.set('en');
    const app = new AppState(
      fakeStarter({
        async createLayer() {
          const { appError } = await import('../../src/lib/contract/errors');
          throw appError('table.noGeometry', { label: 'Indikatoren' });
        },
      }),
    );
    render(Notices, { app });
    await app.createLayer({ table: 't', idColumn: 'id' });
    const notice = await screen.findByTestId('notice-error');
    expect(notice.textContent).toContain('“Indikatoren” has no geometries and cannot be an area layer.');
  });
});
