/**
 * The one contract of Sozialraum-Werkbank (issue 9): request and response types, defaults,
 * registries and error codes shared by the worker, the engine, the state classes, the views and
 * the CLI. How to use it: docs/architecture.md.
 *
 * Pure: types, constants and small pure helpers only. (The Comlink error transfer is in
 * `./comlink.ts`, imported by the worker entry and the client.)
 */
export * from './errors';
export * from './tasks';
export * from './catalog';
export * from './sozialindex';
export * from './spatial';
export * from './segregation';
export * from './services';
export * from './levels';
export { SEGREGATION_INDICES, SEGREGATION_INDEX_KEYS, INFERRED_INDICES, MULTIGROUP_INDICES, type SegregationIndexKey } from '../analysis/segregationIndices';
export { PRESETS, presetDef, type PresetDef } from '../analysis/presets';
