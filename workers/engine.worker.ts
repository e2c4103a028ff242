/// <reference lib="webworker" />
// installs the error transfer handler before anything is exposed
import { Comlink } from '../src/lib/contract/comlink';
import type { Engine } from '../src/lib/engine/engine';
import type { ImportOptions } from '../src/lib/ingest/types';
import type { PivotWideArgs, ProgressFn, TaskId, UnpivotArgs } from '../src/lib/contract';
import { getEngine } from './core';
import { startup } from './duck-browser';
import { createRunner } from './pool';
import { geometryApi } from './geometry';
import { levelsApi } from './api-levels';
import { lazyApi } from './lazyApi';
import type { indexApi as IndexApi } from './api-index';
import type { spatialApi as SpatialApi } from './api-spatial';
import type { mapApi as MapApi } from './api-map';
import type { servicesApi as ServicesApi } from './api-services';
import type { reportApi as ReportApi } from './api-report';

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
  /** Starts the engine; answers with the worker's startup times (see `duck-browser.ts`). */
  async init() {
    await getEngine();
    return startup;
  },
  /** Test and benchmark hook `?workers=N`: N permutation workers for every job (0 = back to the default). */
  async setWorkers(n: number) {
    const e = await getEngine();
    e.runner.close();
    const k = Math.min(16, Math.floor(n) || 0);
    e.runner = k > 0 ? createRunner(k, true) : createRunner();
    return e.runner.size;
  },
  async preview(file: File | { name: string; bytes: Uint8Array }, options?: ImportOptions) {
    return await (await getEngine()).preview(await readFile(file), options);
  },
  /** Long: a task of the runner; `cancel(taskId)` stops it between chunks. */
  async importFile(file: File | { name: string; bytes: Uint8Array }, options?: ImportOptions, onProgress?: ProgressFn, replace?: string, taskId?: TaskId) {
    const eng = await getEngine();
    onProgress?.(0, 'read');
    return await eng.importFile(await readFile(file), options, onProgress, replace, taskId);
  },
  /** Stop a running task (every running task without an id). */
  async cancel(taskId?: TaskId) {
    (await getEngine()).cancel(taskId);
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
    return transfer((await getEngine()).queryIPC(sql));
  },
  async distinct(name: string, column: string) {
    return (await getEngine()).distinct(name, column);
  },
  async pivotWide(o: PivotWideArgs) {
    return (await getEngine()).pivotWide(o);
  },
  async unpivot(o: UnpivotArgs) {
    return (await getEngine()).unpivot(o);
  },
  async createLayer(o: Parameters<Engine['createLayer']>[0]) {
    return (await getEngine()).createLayer(o);
  },
  async bestKeyColumn(table: string, layer: string) {
    return (await getEngine()).bestKeyColumn(table, layer);
  },
  async longShape(table: string, key?: string, yearColumn?: string) {
    return (await getEngine()).longShape(table, key, yearColumn);
  },
  async joinReport(spec: Parameters<Engine['joinReport']>[0]) {
    return (await getEngine()).joinReport(spec);
  },
  async choropleth(...args: Parameters<Engine['choropleth']>) {
    const r = (await getEngine()).choropleth(...args);
    return Comlink.transfer(r, [r.values.buffer, r.classes.classOf.buffer]);
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

// The workspaces' calls that the start (import, layers, join, first map) does not need load on
// their first call: ≈ 0.3 MB less JavaScript for the engine worker to parse while DuckDB starts.
const indexApi = lazyApi<typeof IndexApi>(() => import('./api-index').then((m) => m.indexApi), {
  indexSuggest: true, indexSummaries: true, indexCompute: true, indexTypology: true, indexRobustness: true, indexTimeSeries: true,
});
const spatialApi = lazyApi<typeof SpatialApi>(() => import('./api-spatial').then((m) => m.spatialApi), { segregation: true, moran: true, ebRates: true, weightsReport: true });
const servicesApi = lazyApi<typeof ServicesApi>(() => import('./api-services').then((m) => m.servicesApi), {
  servicePoints: true, guessPointCrs: true, serviceCoverage: true, serviceAccess: true, serviceGaps: true, areaInteriorPoints: true, servicesForArea: true,
});
const reportApi = lazyApi<typeof ReportApi>(() => import('./api-report').then((m) => m.reportApi), { reportHtml: true, profilesHtml: true, exportResults: true, mapSvg: true });
const mapApi = lazyApi<typeof MapApi>(() => import('./api-map').then((m) => m.mapApi), { valueChange: true });

// Each workspace adds its own calls from workers/api-*.ts.
export const api = { ...coreApi, ...indexApi, ...spatialApi, ...levelsApi, ...servicesApi, ...mapApi, ...reportApi };
export type EngineApi = typeof api;
Comlink.expose(api);
// the engine code (this module and everything it imports) is loaded and evaluated
startup['engine-loaded'] = performance.now();

