import { beforeEach, describe, expect, it, vi } from 'vitest';

// IndexedDB through `idb`, replaced by a store whose reads are counted
const store = vi.hoisted(() => ({ session: undefined as unknown, reads: 0 }));
vi.mock('idb', () => ({
  openDB: async () => ({
    get: async (_store: string, _key: string) => {
      store.reads++;
      return store.session;
    },
  }),
}));

const record = { version: 2, savedAt: 1, tables: [{ kind: 'file', name: 'bezirke', label: 'bezirke.geojson', fileName: 'bezirke.geojson' }], layers: [], joins: [], map: {}, workspace: 'map', selectedTable: null, parts: {} };

describe('the saved session is read at page start (main.ts) and taken over by the session check', () => {
  beforeEach(() => {
    vi.resetModules();
    store.reads = 0;
    store.session = record;
  });

  it('readSessionEarly reads once; the first getSession takes that answer, a later one reads again', async () => {
    const { readSessionEarly, getSession } = await import('../../../src/lib/state/persist');
    readSessionEarly();
    readSessionEarly(); // a second call does not start a second read
    await vi.waitFor(() => expect(store.reads).toBe(1));
    expect((await getSession())?.tables[0]?.name).toBe('bezirke');
    expect(store.reads).toBe(1);
    // later checks (a crashed engine's recovery) see what is stored now, not the page start's answer
    store.session = undefined;
    expect(await getSession()).toBeUndefined();
    expect(store.reads).toBe(2);
  });

  it('without the early read, getSession reads as before', async () => {
    const { getSession } = await import('../../../src/lib/state/persist');
    expect((await getSession())?.version).toBe(2);
    expect(store.reads).toBe(1);
  });

  it('a record from a newer version reaches the session check as its error (no unhandled rejection at page start)', async () => {
    store.session = { ...record, version: 99 };
    const { readSessionEarly, getSession, RecordError } = await import('../../../src/lib/state/persist');
    readSessionEarly();
    await vi.waitFor(() => expect(store.reads).toBe(1));
    await new Promise((r) => setTimeout(r, 0));
    await expect(getSession()).rejects.toBeInstanceOf(RecordError);
  });
});
