/**
 * deck.gl binary data objects and colour attributes built from a {@link PreparedGeometry}.
 * Pure; nothing here loops over vertices except the colour expansion, which writes one
 * 32-bit word per vertex.
 */
import type { PreparedGeometry } from '../geo/prepare';
import type { RGB } from './palettes';
import { invalid } from '../contract/errors';

/**
 * RGBA per feature (4 bytes each) from its class: `colors[classOf[i]]`, or `noValueColor` for
 * class −1 (or any class without a colour). `alpha` 0…255 applies to all.
 */
export function featureColors(classOf: Int16Array, colors: readonly RGB[], noValueColor: RGB, alpha = 255): Uint8Array {
  const out = new Uint8Array(classOf.length * 4);
  for (let i = 0; i < classOf.length; i++) {
    const c = colors[classOf[i]] ?? noValueColor;
    out[4 * i] = c[0];
    out[4 * i + 1] = c[1];
    out[4 * i + 2] = c[2];
    out[4 * i + 3] = alpha;
  }
  return out;
}

function checkLength(p: PreparedGeometry, perFeature: Uint8Array): void {
  if (perFeature.length !== p.featureCount * 4) {
    throw invalid('colors', `${perFeature.length / 4} features coloured, geometry has ${p.featureCount}`);
  }
}

/** RGBA per polygon part, expanded from RGBA per feature with `featureIndex`. */
export function partColors(p: PreparedGeometry, perFeature: Uint8Array): Uint8Array {
  checkLength(p, perFeature);
  const aligned = perFeature.byteOffset % 4 === 0 ? perFeature : perFeature.slice();
  const src = new Uint32Array(aligned.buffer, aligned.byteOffset, p.featureCount);
  const out = new Uint32Array(p.featureIndex.length);
  for (let i = 0; i < out.length; i++) out[i] = src[p.featureIndex[i]];
  return new Uint8Array(out.buffer);
}

/**
 * RGBA per polygon vertex for the binary `getFillColor` of the choropleth: deck.gl's
 * `SolidPolygonLayer` reads binary attributes per vertex when they share the layer's
 * `startIndices`, so per-feature colours are expanded through `vertexFeature`.
 * `classOf` has one class per feature row (−1 = no value).
 */
export function fillColors(p: PreparedGeometry, classOf: Int16Array, colors: readonly RGB[], noValueColor: RGB, alpha = 255): Uint8Array {
  const perFeature = featureColors(classOf, colors, noValueColor, alpha);
  checkLength(p, perFeature);
  const src = new Uint32Array(perFeature.buffer, 0, p.featureCount);
  const out = new Uint32Array(p.vertexFeature.length);
  for (let v = 0; v < out.length; v++) out[v] = src[p.vertexFeature[v]];
  return new Uint8Array(out.buffer);
}

/** Binary `data` for a `SolidPolygonLayer` with `_normalize: false` (pre-triangulated, holes kept). */
export interface PolygonBinaryData {
  length: number;
  startIndices: Uint32Array;
  attributes: {
    getPolygon: { value: Float64Array; size: 2 };
    indices: Uint32Array;
    instanceVertexValid: { value: Uint16Array; size: 1 };
    rowIndexes: { value: Uint32Array; size: 1; type: 'uint32' };
    getFillColor?: { value: Uint8Array; size: 4; normalized: true };
  };
}

/**
 * `SolidPolygonLayer` data: one entry per polygon part; picking reports the feature row (via
 * `rowIndexes`); `fill` (from {@link fillColors}) becomes the per-vertex `getFillColor`.
 */
export function polygonData(p: PreparedGeometry, fill?: Uint8Array): PolygonBinaryData {
  if (fill && fill.length !== p.vertexFeature.length * 4) throw invalid('colors', `${fill.length / 4} vertices coloured, geometry has ${p.vertexFeature.length}`);
  const attributes: PolygonBinaryData['attributes'] = {
    getPolygon: { value: p.positions, size: 2 },
    indices: p.triangles,
    instanceVertexValid: { value: p.vertexValid, size: 1 },
    rowIndexes: { value: p.vertexFeature, size: 1, type: 'uint32' },
  };
  if (fill) attributes.getFillColor = { value: fill, size: 4, normalized: true };
  return { length: p.featureIndex.length, startIndices: p.polygonStarts, attributes };
}

/** Binary `data` for a `PathLayer` (`_pathType: 'open'`; rings are closed already). */
export interface PathBinaryData {
  length: number;
  startIndices: Uint32Array;
  attributes: {
    getPath: { value: Float64Array; size: 2 };
    rowIndexes?: { value: Uint32Array; size: 1; type: 'uint32' };
  };
}

/** Outlines of all rings (exteriors and holes) of all features, sharing the polygon vertices. */
export function outlineData(p: PreparedGeometry): PathBinaryData {
  return {
    length: p.ringStarts.length - 1,
    startIndices: p.ringStarts,
    attributes: { getPath: { value: p.positions, size: 2 }, rowIndexes: { value: p.vertexFeature, size: 1, type: 'uint32' } },
  };
}

/** Outline rings of one feature (for the selection highlight); empty for an unknown row. */
export function featureOutlineData(p: PreparedGeometry, feature: number): PathBinaryData {
  if (!(Number.isInteger(feature) && feature >= 0 && feature < p.featureCount)) {
    return { length: 0, startIndices: new Uint32Array(1), attributes: { getPath: { value: new Float64Array(0), size: 2 } } };
  }
  const r0 = p.featureRingStart[feature];
  const r1 = p.featureRingStart[feature + 1];
  const v0 = p.ringStarts[r0];
  const v1 = p.ringStarts[r1];
  const startIndices = new Uint32Array(r1 - r0 + 1);
  for (let r = r0; r <= r1; r++) startIndices[r - r0] = p.ringStarts[r] - v0;
  return { length: r1 - r0, startIndices, attributes: { getPath: { value: p.positions.subarray(2 * v0, 2 * v1), size: 2 } } };
}

/** Binary `data` for a `ScatterplotLayer` of the Point/MultiPoint features. */
export interface PointBinaryData {
  length: number;
  attributes: { getPosition: { value: Float64Array; size: 2 }; getFillColor?: { value: Uint8Array; size: 4; normalized: true } };
}

/** Points of a prepared geometry; `fill` is RGBA per point (e.g. via `pointFeature`). */
export function pointData(p: PreparedGeometry, fill?: Uint8Array): PointBinaryData {
  const n = p.pointFeature.length;
  if (fill && fill.length !== n * 4) throw invalid('colors', `${fill.length / 4} points coloured, layer has ${n}`);
  const data: PointBinaryData = { length: n, attributes: { getPosition: { value: p.pointPositions, size: 2 } } };
  if (fill) data.attributes.getFillColor = { value: fill, size: 4, normalized: true };
  return data;
}

/** RGBA per point, expanded from RGBA per feature (e.g. {@link featureColors}) with `pointFeature`. */
export function pointColors(p: PreparedGeometry, perFeature: Uint8Array): Uint8Array {
  checkLength(p, perFeature);
  const aligned = perFeature.byteOffset % 4 === 0 ? perFeature : perFeature.slice();
  const src = new Uint32Array(aligned.buffer, aligned.byteOffset, p.featureCount);
  const out = new Uint32Array(p.pointFeature.length);
  for (let i = 0; i < out.length; i++) out[i] = src[p.pointFeature[i]];
  return new Uint8Array(out.buffer);
}

/** Feature rows that have a label point (finite), for the label layer's `data`. */
export function labelledFeatures(p: PreparedGeometry): Uint32Array {
  let c = 0;
  for (let f = 0; f < p.featureCount; f++) if (Number.isFinite(p.labels[2 * f])) c++;
  const out = new Uint32Array(c);
  c = 0;
  for (let f = 0; f < p.featureCount; f++) if (Number.isFinite(p.labels[2 * f])) out[c++] = f;
  return out;
}
