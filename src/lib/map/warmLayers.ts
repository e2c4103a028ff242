/**
 * The first map's layers before it has areas, so their WebGL programs are linked early.
 *
 * Creating a deck.gl layer compiles and links its shaders, and luma.gl then waits for the link
 * result (`getProgramParameter(LINK_STATUS)`), a synchronous round trip to the GPU process, which
 * with software WebGL compiles the shaders on the processor. For the first map (fill, outlines,
 * selection, two label layers) that wait was ≈ 0.1 s of the frame that draws it, after every other
 * step of the start was done (docs/performance.md, „Fourteenth round“).
 *
 * While the map waits for its first geometry it holds the same layers (same ids, same factories)
 * with no areas: deck.gl initialises them, which links the programs while DuckDB still starts.
 * When the areas arrive, deck.gl matches the layers by id and only fills their attributes.
 * Nothing is drawn (no instances), and the map is not „drawn“ before it has areas.
 */
import type { PreparedGeometry } from '../geo/prepare';
import { choroplethLayer, outlineLayer, selectionLayer } from './layers';

/** A geometry without features (what `prepareGeometry([])` returns). */
export const NO_AREAS: PreparedGeometry = {
  featureCount: 0,
  positions: new Float64Array(0),
  vertexFeature: new Uint32Array(0),
  polygonStarts: new Uint32Array(1),
  featureIndex: new Uint32Array(0),
  ringStarts: new Uint32Array(1),
  partRingStart: new Uint32Array(1),
  holeIndices: new Uint32Array(0),
  vertexValid: new Uint16Array(0),
  triangles: new Uint32Array(0),
  featurePartStart: new Uint32Array(1),
  featureRingStart: new Uint32Array(1),
  pointPositions: new Float64Array(0),
  pointFeature: new Uint32Array(0),
  bbox: null,
  featureBbox: new Float64Array(0),
  labels: new Float64Array(0),
  areas: new Float64Array(0),
};

const NO_FILL = new Uint8Array(0);

/**
 * The polygon layers of a first map (fill, outlines, selection) without areas. The label layers
 * are left out: a TextLayer without text builds an empty font atlas, which WebGL rejects
 * (`texSubImage2D: no canvas`).
 */
export function warmLayers(o: { outlinePx: number }) {
  return [
    choroplethLayer({ geometry: NO_AREAS, fill: NO_FILL }),
    outlineLayer({ geometry: NO_AREAS, widthPx: o.outlinePx }),
    selectionLayer({ geometry: NO_AREAS, feature: null }),
  ];
}
