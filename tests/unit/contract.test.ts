import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError, appError, cancelled, defaultDynamicsFrom, fromErrorData, invalid, isCancelled, toErrorData, versionKey } from '../../src/lib/contract';
import { CancelledError } from '../../src/lib/analysis/progress';
import { errorText, hasKey } from '../../src/i18n/index';
import { TaskRunner } from '../../src/lib/engine/tasks';

const ROOT = path.resolve(import.meta.dirname, '../..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(svelte|ts)$/.test(p) ? [p] : [];
  });
}

describe('error data', () => {
  it('round-trips code, params and hint', () => {
    const e = appError('seg.tooFewAreas', { min: 500, n: 1 }, 'err.seg.noGroup');
    const back = fromErrorData(structuredClone(toErrorData(e)));
    expect(back).toBeInstanceOf(AppError);
    expect([back.code, back.params, back.hint]).toEqual(['seg.tooFewAreas', { min: 500, n: 1 }, 'err.seg.noGroup']);
    expect(errorText(back, 'de')).toEqual({ code: 'seg.tooFewAreas', message: 'Nach dem Filter (mind. 500 Personen) bleiben 1 Gebiete; zu wenige für ein Segregationsmaß.', hint: 'Bitte mindestens eine Gruppenspalte wählen.' });
  });

  it('kernel option errors keep their developer message and get a German text', () => {
    const e = invalid('breaks', [1, -1]);
    expect(e.message).toBe('invalid breaks: 1,-1');
    expect(errorText(e, 'de').message).toBe('Ungültige Einstellung „Klassengrenzen“: 1,-1');
    // a legacy `new Error('invalid x: …')` is read the same way
    expect(errorText(new Error('invalid minPopulation: -3'), 'de').message).toBe('Ungültige Einstellung „Mindestbevölkerung“: -3');
    // a plain Error is a legacy German message, shown as it is; other errors are bugs
    expect(errorText(new Error('Spalte fehlt.'), 'de').message).toBe('Spalte fehlt.');
    expect(errorText(new TypeError('x is undefined'), 'de').message).toBe('Unerwarteter Fehler: x is undefined');
  });

  it('decimals follow the reader, years and counts stay as they are', () => {
    const e = appError('seg.atkinsonB', { value: 1.5 });
    expect(errorText(e, 'de').message).toContain('nicht 1,5');
    expect(errorText(e, 'en').message).toContain('not 1.5');
    expect(errorText(appError('index.dynamicsFromInvalid', { from: '2024', to: 2024 }), 'de').message).toContain('Bezugsjahr 2024');
  });

  it('cancellation is recognised on every side', () => {
    expect(isCancelled(cancelled())).toBe(true);
    expect(isCancelled(new CancelledError())).toBe(true);
    expect(isCancelled(fromErrorData(toErrorData(new CancelledError())))).toBe(true);
    expect(isCancelled(new Error('x'))).toBe(false);
  });

  it('every error code thrown in src/ and workers/ has a German and an English text', () => {
    const missing: string[] = [];
    for (const f of [...files(path.join(ROOT, 'src')), ...files(path.join(ROOT, 'workers'))]) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\b(?:appError|new AppError)\(\s*'([\w.]+)'/g)) {
        if (!hasKey(`err.${m[1]}`)) missing.push(`${m[1]} (${path.relative(ROOT, f)})`);
      }
    }
    expect(missing).toEqual([]);
    expect(hasKey('err.cancelled') && hasKey('err.unexpected') && hasKey('err.invalidOption')).toBe(true);
  });

  it('layers import only downward (docs/architecture.md)', () => {
    const bad: string[] = [];
    const rules: [string, RegExp][] = [
      // below the views nothing imports components or the workers (the client names the worker's API type)
      ['src/lib', /^\s*import (?!type )[^;]*from '[./]*(?:components|workers)\//m],
      ['src/cli', /from '[./]*(?:components|workers|lib\/state)\//],
      // engine, kernels, map helpers and the contract never import state
      ...['engine', 'analysis', 'geo', 'sql', 'ingest', 'map', 'contract'].map((d): [string, RegExp] => [`src/lib/${d}`, /from '[./]*state\//]),
      // kernels stay pure: no engine, no database
      ...['analysis', 'geo', 'sql', 'contract'].map((d): [string, RegExp] => [`src/lib/${d}`, /from '[./]*(?:engine|db)\//]),
      // views call state, not the engine client (type imports are fine)
      ['src/components', /^\s*import (?!type )[^;]*from '[./]*lib\/(?:engine|db)\/|\bapp\.engine\./m],
    ];
    for (const [dir, re] of rules) {
      for (const f of files(path.join(ROOT, dir))) if (re.test(readFileSync(f, 'utf8'))) bad.push(`${path.relative(ROOT, f)} (${re.source})`);
    }
    expect(bad).toEqual([]);
  });

  it('option errors are coded: no `new Error(\'invalid …\')` in src/ or workers/', () => {
    const plain: string[] = [];
    for (const f of [...files(path.join(ROOT, 'src')), ...files(path.join(ROOT, 'workers'))]) {
      if (/new Error\(\s*[`'"]invalid /.test(readFileSync(f, 'utf8'))) plain.push(path.relative(ROOT, f));
    }
    expect(plain).toEqual([]);
  });
});

describe('dynamics start year: one rule', () => {
  it('goes back the period in calendar years, else the latest year before, else the first', () => {
    expect(defaultDynamicsFrom(['2020', '2022', '2024'], '2024')).toBe('2022');
    expect(defaultDynamicsFrom(['2019', '2020', '2021', '2022', '2023', '2024'], '2024')).toBe('2022');
    expect(defaultDynamicsFrom(['2019', '2021', '2024'], '2024')).toBe('2021');
    expect(defaultDynamicsFrom(['2023', '2024'], '2024')).toBe('2023');
    expect(defaultDynamicsFrom(['2019', '2020', '2024'], '2024', 3)).toBe('2020');
    expect(defaultDynamicsFrom(['2024'], '2024')).toBeNull();
    expect(defaultDynamicsFrom(['a', 'b', 'c'], 'c')).toBe('b');
  });
});

describe('version keys', () => {
  it('change with any version and name the missing', () => {
    expect(versionKey({ name: 't', version: 3 }, { table: 'l', version: 9 }, undefined)).toBe('t@3|l@9|-');
  });
});

describe('engine task runner', () => {
  it('reports clamped, monotone-by-stage progress, ends with the result, and forgets finished tasks', async () => {
    const r = new TaskRunner(async () => {});
    const seen: [number, string][] = [];
    const out = await r.run(async (task) => {
      task.progress(0.5, 'a');
      task.progress(0.501, 'a'); // under 1 %: dropped
      task.progress(2, 'b');
      await task.checkpoint();
      return 42;
    }, { onProgress: (f, s) => seen.push([f, s]) });
    expect(out).toBe(42);
    expect(seen).toEqual([[0, 'start'], [0.5, 'a'], [1, 'b']]);
    expect(r.size).toBe(0);
  });

  it('turns a cancel into code `cancelled` at the next checkpoint and keeps other errors', async () => {
    const r = new TaskRunner(async () => {});
    const p = r.run(async (task) => {
      for (;;) await task.checkpoint();
    }, { id: 5 });
    r.cancel(5);
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    await expect(r.run(() => { throw appError('seg.noGroup'); })).rejects.toMatchObject({ code: 'seg.noGroup' });
    expect(r.size).toBe(0);
  });
});
