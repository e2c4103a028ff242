/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { Engine, ProgressFn } from '../src/lib/engine/engine';
import type { ImportOptions } from '../src/lib/ingest/types';
import { getEngine, rethrow } from './core';
import { geometryApi } from './geometry';
import { indexApi } from './api-index';
import { spatialApi } from './api-spatial';
import { levelsApi } from './api-levels';

async function readFile(file: File | { name: string; bytes: Uint8Array }): Promise<{ name: string; bytes: Uint8Array }> {
  // File has a bytes() method in current browsers: test for Blob, not for a `bytes` member.
  if (file instanceof Blob) return { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
  return file;
}

const transfer = (bytes: Uint8Array) => Comlink.transfer(bytes, [bytes.buffer]);

/** Import, catalogue, layers, joins and the map. */
const coreApi = {
  /** Heartbeat for the client's crash detection: answers at once when the worker is idle. */
  ping() {
    return true;
  },
  async init() {
    await getEngine();
    return true;
  },
  async preview(file: File | { name: string; bytes: Uint8Array }, options?: ImportOptions) {
    try {
      return await (await getEngine()).preview(await readFile(file), options);
    } catch (e) {
      rethrow(e);
    }
  },
  async importFile(file: File | { name: string; bytes: Uint8Array }, options?: ImportOptions, onProgress?: ProgressFn, replace?: string) {
    try {
      const eng = await getEngine();
      onProgress?.(0, 'read');
      return await eng.importFile(await readFile(file), options, onProgress, replace);
    } catch (e) {
      rethrow(e);
    }
  },
  async cancel() {
    (await getEngine()).cancel();
  },
  async listTables() {
    return (await getEngine()).listTables();
  },
  async listLayers() {
    return (await getEngine()).listLayers();
  },
  async renameTable(name: string, label: string) {
    return (await getEngine()).renameTable(name, label);
  },
  async dropTable(name: string) {
    (await getEngine()).dropTable(name);
  },
  async rows(name: string, offset: number, limit: number, orderBy?: { column: string; desc: boolean }) {
    return transfer((await getEngine()).rowsIPC(name, offset, limit, orderBy));
  },
  async query(sql: string) {
    try {
      return transfer((await getEngine()).queryIPC(sql));
    } catch (e) {
      rethrow(e);
    }
  },
  async distinct(name: string, column: string) {
    return (await getEngine()).distinct(name, column);
  },
  async pivotWide(o: Parameters<Engine['pivotWide']>[0]) {
    try {
      return (await getEngine()).pivotWide(o);
    } catch (e) {
      rethrow(e);
    }
  },
  async unpivot(o: Parameters<Engine['unpivot']>[0]) {
    try {
      return (await getEngine()).unpivot(o);
    } catch (e) {
      rethrow(e);
    }
  },
  async createLayer(o: Parameters<Engine['createLayer']>[0]) {
    try {
      return (await getEngine()).createLayer(o);
    } catch (e) {
      rethrow(e);
    }
  },
  async joinReport(spec: Parameters<Engine['joinReport']>[0]) {
    try {
      return (await getEngine()).joinReport(spec);
    } catch (e) {
      rethrow(e);
    }
  },
  async choropleth(...args: Parameters<Engine['choropleth']>) {
    try {
      const r = (await getEngine()).choropleth(...args);
      return Comlink.transfer(r, [r.values.buffer, r.classes.classOf.buffer]);
    } catch (e) {
      rethrow(e);
    }
  },
  async layerLabels(table: string) {
    return (await getEngine()).layerLabels(table);
  },
  async layerGeometry(table: string) {
    return geometryApi(await getEngine(), table);
  },
  /** Deliberate crash, so the UI's recovery can be tested. */
  async crash(): Promise<never> {
    self.close();
    throw new Error('worker closed');
  },
};

// Each workspace adds its own calls from workers/api-*.ts.
export const api = { ...coreApi, ...indexApi, ...spatialApi, ...levelsApi };
export type EngineApi = typeof api;
Comlink.expose(api);

// Held for the worker's lifetime: the browser releases it when the worker ends (even by
// self.close(), which fires no event), and the client's waiting request then tells it so.
(self as unknown as { navigator: Navigator }).navigator.locks?.request(self.name, () => new Promise<void>(() => {}));
