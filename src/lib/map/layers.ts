/**
 * deck.gl layer factories for the map view. Pure: each call returns a new layer instance from
 * prepared binary data; deck.gl diffs them by `id`, so rebuilding on every state change is cheap
 * (toggle `visible` instead of dropping a layer). Colours change through `updateTriggers`.
 */
import { PathLayer, ScatterplotLayer, SolidPolygonLayer } from '@deck.gl/layers';
import type { PreparedGeometry } from '../geo/prepare';
import { featureOutlineData, outlineData, pointData, polygonData } from './binary';
import { HOVER_COLOR, OUTLINE_COLOR, SELECTION_COLOR, type RGB } from './palettes';

/** System fonts only: the offline map must not fetch a font file (TextLayer draws glyphs on a canvas); labels: `./labelLayers`. */
export const LABEL_FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif';

/** Layer ids, stable so deck.gl matches layers across renders. */
export const LAYER_IDS = {
  choropleth: 'choropleth',
  outlines: 'outlines',
  selection: 'selection',
  hover: 'hover',
  points: 'points',
} as const;

interface Common {
  id?: string;
  visible?: boolean;
  opacity?: number;
}

/** Deck data objects are cached per geometry (and colours) so unchanged input keeps its identity. */
const polyCache = new WeakMap<PreparedGeometry, WeakMap<Uint8Array, ReturnType<typeof polygonData>>>();
const outlineCache = new WeakMap<PreparedGeometry, ReturnType<typeof outlineData>>();

/**
 * Choropleth fill: binary `SolidPolygonLayer` with pre-computed triangles (`_normalize: false`,
 * holes kept), per-vertex `fill` from `fillColors`, picking by feature row (`info.index` is the
 * feature row, also for multipolygons) and hover highlight of the whole feature.
 */
export function choroplethLayer(o: Common & { geometry: PreparedGeometry; fill: Uint8Array; pickable?: boolean; autoHighlight?: boolean }) {
  let byFill = polyCache.get(o.geometry);
  if (!byFill) polyCache.set(o.geometry, (byFill = new WeakMap()));
  let data = byFill.get(o.fill);
  if (!data) byFill.set(o.fill, (data = polygonData(o.geometry, o.fill)));
  return new SolidPolygonLayer({
    id: o.id ?? LAYER_IDS.choropleth,
    data: data as never,
    _normalize: false,
    positionFormat: 'XY',
    filled: true,
    extruded: false,
    visible: o.visible ?? true,
    opacity: o.opacity ?? 1,
    pickable: o.pickable ?? true,
    autoHighlight: o.autoHighlight ?? true,
    highlightColor: [255, 255, 255, 90],
    // Same geometry → no re-tessellation; new colours arrive through the trigger below.
    dataComparator: (a: unknown, b: unknown) =>
      (a as { startIndices?: unknown } | null)?.startIndices === (b as { startIndices?: unknown } | null)?.startIndices,
    updateTriggers: { getFillColor: o.fill },
  });
}

/** Area outlines (all rings) as a binary `PathLayer`; not pickable. */
export function outlineLayer(o: Common & { geometry: PreparedGeometry; color?: RGB; alpha?: number; widthPx?: number }) {
  let data = outlineCache.get(o.geometry);
  if (!data) outlineCache.set(o.geometry, (data = outlineData(o.geometry)));
  const c = o.color ?? OUTLINE_COLOR;
  return new PathLayer({
    id: o.id ?? LAYER_IDS.outlines,
    data: data as never,
    _pathType: 'open',
    positionFormat: 'XY',
    getColor: [c[0], c[1], c[2], o.alpha ?? 170],
    getWidth: o.widthPx ?? 0.8,
    widthUnits: 'pixels',
    visible: o.visible ?? true,
    opacity: o.opacity ?? 1,
    pickable: false,
  });
}

/** Outline of the selected feature row (or nothing for null); drawn on top of the fill. */
export function selectionLayer(o: Common & { geometry: PreparedGeometry; feature: number | null; color?: RGB; widthPx?: number }) {
  const c = o.color ?? SELECTION_COLOR;
  return new PathLayer({
    id: o.id ?? LAYER_IDS.selection,
    data: featureOutlineData(o.geometry, o.feature ?? -1) as never,
    _pathType: 'open',
    positionFormat: 'XY',
    getColor: [c[0], c[1], c[2], 255],
    getWidth: o.widthPx ?? 3,
    widthUnits: 'pixels',
    visible: (o.visible ?? true) && o.feature !== null,
    opacity: o.opacity ?? 1,
    pickable: false,
  });
}

/**
 * The outline of the area under the pointer — on the map, or on its row in a table, its dot in the
 * Moran scatter plot or its shape in a small year map, which tells the map where that area is: blue on
 * a white halo. Only while there is one (layers of their own, so the first map's frame does not draw them).
 */
export function hoverLayers(o: Common & { geometry: PreparedGeometry; feature: number; widthPx?: number }) {
  const w = o.widthPx ?? 2.5;
  return [
    selectionLayer({ ...o, id: `${LAYER_IDS.hover}-halo`, color: [255, 255, 255], widthPx: w + 2 }),
    selectionLayer({ ...o, id: LAYER_IDS.hover, color: HOVER_COLOR, widthPx: w }),
  ];
}

/**
 * Service points (Kitas, Beratungsstellen …) as a binary `ScatterplotLayer`; `info.index` is the
 * point index (its feature row is `geometry.pointFeature[index]`). `fill` is RGBA per point;
 * without it every point gets `color`.
 */
export function pointLayer(o: Common & { geometry: PreparedGeometry; fill?: Uint8Array; color?: RGB; radiusPx?: number; pickable?: boolean }) {
  const c = o.color ?? [33, 102, 172];
  return new ScatterplotLayer({
    id: o.id ?? LAYER_IDS.points,
    data: pointData(o.geometry, o.fill) as never,
    positionFormat: 'XY',
    getFillColor: [c[0], c[1], c[2], 230],
    getLineColor: [255, 255, 255, 255],
    stroked: true,
    lineWidthUnits: 'pixels',
    getLineWidth: 1,
    radiusUnits: 'pixels',
    getRadius: o.radiusPx ?? 5,
    visible: o.visible ?? true,
    opacity: o.opacity ?? 1,
    pickable: o.pickable ?? true,
    autoHighlight: true,
    updateTriggers: { getFillColor: o.fill ?? c },
  });
}
