import { describe, expect, it } from 'vitest';
import { PartRegistry, type PersistedPart, type RestoreContext } from '../../../src/lib/state/persisted';
import { migrateSessionRecord, RecordError, SESSION_VERSION } from '../../../src/lib/state/persist';

const ctx = (warnings: string[]): RestoreContext => ({ table: (n) => n ?? null, join: (j) => j ?? null, warn: (m) => warnings.push(m) });

function part(key: string, version: number, value: { x: number } | null, extra: Partial<PersistedPart<{ x: number }>> = {}) {
  const got: unknown[] = [];
  let resets = 0;
  const p: PersistedPart<{ x: number }> = {
    key, version, save: () => value, restore: async (d) => void got.push(d), reset: () => void resets++, ...extra,
  };
  return { p, got, resets: () => resets };
}

describe('PartRegistry', () => {
  it('saves every part with its version and keeps entries of parts this build does not know', () => {
    const r = new PartRegistry();
    r.register(part('a', 2, { x: 1 }).p);
    r.register(part('empty', 1, null).p);
    const out = r.save({ future: { v: 7, data: { y: 1 } }, a: { v: 1, data: { old: true } } });
    expect(out).toEqual({ future: { v: 7, data: { y: 1 } }, a: { v: 2, data: { x: 1 } } });
  });

  it('refuses a key registered twice', () => {
    const r = new PartRegistry();
    r.register(part('a', 1, null).p);
    expect(() => r.register(part('a', 1, null).p)).toThrow(/twice/);
  });

  it('restores in order, migrates older data, resets parts without data and skips newer formats with a warning', async () => {
    const r = new PartRegistry();
    const order: string[] = [];
    const late = part('late', 1, null, { order: 50, restore: async () => void order.push('late') });
    const early = part('early', 3, null, { order: 5, restore: async (d) => void order.push(`early:${JSON.stringify(d)}`), migrate: (d, v) => ({ x: (d as { old: number }).old * 10 + v }) });
    const newer = part('newer', 1, null);
    const none = part('none', 1, null);
    for (const x of [late, early, newer, none]) r.register(x.p);
    const warnings: string[] = [];
    await r.restore({ late: { v: 1, data: {} }, early: { v: 1, data: { old: 4 } }, newer: { v: 2, data: {} } }, ctx(warnings));
    expect(order).toEqual(['early:{"x":41}', 'late']);
    expect(newer.got).toEqual([]);
    expect(newer.resets()).toBe(1);
    expect(none.resets()).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/neueren Version/);
  });

  it('a part that fails to restore warns and the others still restore', async () => {
    const r = new PartRegistry();
    const bad = part('bad', 1, null, { order: 1, restore: async () => { throw new Error('kaputt'); } });
    const good = part('good', 1, null, { order: 2 });
    r.register(bad.p);
    r.register(good.p);
    const warnings: string[] = [];
    await r.restore({ bad: { v: 1, data: {} }, good: { v: 1, data: { x: 3 } } }, ctx(warnings));
    expect(good.got).toEqual([{ x: 3 }]);
    expect(warnings.join()).toMatch(/kaputt/);
  });

  it('share() collects the settings of parts that offer some', () => {
    const r = new PartRegistry();
    r.register({ ...part('a', 1, null).p, share: () => ({ w: 1 }) });
    r.register({ ...part('b', 1, null).p, share: () => null });
    expect(r.share()).toEqual({ a: { w: 1 } });
  });
});

describe('migrateSessionRecord', () => {
  const v1 = {
    version: 1, savedAt: 1, tables: [{ kind: 'file', name: 'a', label: 'a.csv', fileName: 'a.csv' }], layers: [], joins: [],
    map: { layer: null, join: null, column: null, denominator: null, scale: 100, year: null, method: 'quantile', k: 5, palette: 'YlOrRd', reverse: false, manualBreaks: '', showLabels: true },
    workspace: 'data', selectedTable: null,
  };
  it('turns a version 1 record into the current shape (no parts, no map owner)', () => {
    const r = migrateSessionRecord(v1);
    expect(r.version).toBe(SESSION_VERSION);
    expect(r.parts).toEqual({});
    expect(r.map.customOwner).toBeNull();
    expect(r.tables).toEqual(v1.tables);
  });
  it('names a newer or damaged record by code', () => {
    expect(() => migrateSessionRecord({ ...v1, version: SESSION_VERSION + 1 })).toThrow(RecordError);
    for (const bad of [null, 'x', {}, { ...v1, tables: 'no' }, { ...v1, tables: [{ kind: 'other', name: 'a' }] }, { ...v1, version: 2, parts: [] }]) {
      let code = '';
      try {
        migrateSessionRecord(bad);
      } catch (e) {
        code = (e as RecordError).code;
      }
      expect(code).toBe('shape');
    }
  });
});
