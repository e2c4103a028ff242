/**
 * Map layers of "Angebote & Bedarfe": service points with a colour-blind-safe symbol per
 * category (Okabe–Ito colours × distinct shapes, drawn once into an icon atlas on a canvas —
 * nothing is fetched), sized in metres so they shrink when zoomed out (between 9 and 26 px),
 * the catchment ring of the selected service, demand points coloured by accessibility and
 * markers of scenario edits. Pure factories; ids start with `svc-` (picking, tooltips).
 */
import { IconLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { RGB } from './palettes';

/** Okabe & Ito (2008) colours, distinguishable with the common colour-vision deficiencies. */
export const CATEGORY_COLORS: readonly RGB[] = [
  [0, 114, 178], [230, 159, 0], [0, 158, 115], [204, 121, 167], [213, 94, 0], [86, 180, 233], [240, 228, 66], [0, 0, 0],
];
export const CATEGORY_SHAPES = ['circle', 'square', 'triangle', 'diamond', 'hexagon', 'star', 'triangleDown', 'cross'] as const;
export type CategoryShape = (typeof CATEGORY_SHAPES)[number];

export const SVC_LAYER_IDS = { points: 'svc-points', ring: 'svc-ring', demand: 'svc-demand', scenario: 'svc-scenario' } as const;

const CELL = 64;

/** Outline path of a shape in a cell of size s centred at (c, c). */
function shapePath(ctx: CanvasRenderingContext2D, shape: CategoryShape, c: number, r: number): void {
  const poly = (pts: [number, number][]) => {
    ctx.moveTo(c + pts[0][0] * r, c + pts[0][1] * r);
    for (const [x, y] of pts.slice(1)) ctx.lineTo(c + x * r, c + y * r);
    ctx.closePath();
  };
  const ngon = (k: number, rot: number, inner?: number) =>
    poly(Array.from({ length: inner ? 2 * k : k }, (_, i) => {
      const a = rot + (i * Math.PI * 2) / (inner ? 2 * k : k);
      const rr = inner && i % 2 ? inner : 1;
      return [Math.cos(a) * rr, Math.sin(a) * rr] as [number, number];
    }));
  switch (shape) {
    case 'circle':
      ctx.arc(c, c, r, 0, Math.PI * 2);
      break;
    case 'square':
      poly([[-0.85, -0.85], [0.85, -0.85], [0.85, 0.85], [-0.85, 0.85]]);
      break;
    case 'triangle':
      ngon(3, -Math.PI / 2);
      break;
    case 'triangleDown':
      ngon(3, Math.PI / 2);
      break;
    case 'diamond':
      ngon(4, 0);
      break;
    case 'hexagon':
      ngon(6, 0);
      break;
    case 'star':
      ngon(5, -Math.PI / 2, 0.48);
      break;
    case 'cross':
      poly([[-0.3, -1], [0.3, -1], [0.3, -0.3], [1, -0.3], [1, 0.3], [0.3, 0.3], [0.3, 1], [-0.3, 1], [-0.3, 0.3], [-1, 0.3], [-1, -0.3], [-0.3, -0.3]]);
      break;
  }
}

/** Symbol of category k (colour and shape cycle together; 8 distinct symbols). */
export function categorySymbol(k: number): { color: RGB; shape: CategoryShape } {
  return { color: CATEGORY_COLORS[k % CATEGORY_COLORS.length], shape: CATEGORY_SHAPES[k % CATEGORY_SHAPES.length] };
}

/** Draws one symbol into a canvas context (also used by the legend and the table). */
export function drawSymbol(ctx: CanvasRenderingContext2D, k: number, size: number, x = 0, y = 0): void {
  const { color, shape } = categorySymbol(k);
  ctx.save();
  ctx.translate(x, y);
  ctx.beginPath();
  shapePath(ctx, shape, size / 2, size / 2 - Math.max(2, size / 10));
  ctx.fillStyle = `rgb(${color.join(',')})`;
  ctx.fill();
  ctx.lineWidth = Math.max(1.5, size / 16);
  ctx.strokeStyle = 'white';
  ctx.stroke();
  ctx.restore();
}

interface Atlas {
  url: string;
  mapping: Record<string, { x: number; y: number; width: number; height: number; mask: boolean }>;
}
let atlas: Atlas | null = null;

/** The icon atlas (a data URL of a canvas) with one cell per symbol; built once. */
export function symbolAtlas(): Atlas {
  if (atlas) return atlas;
  const n = CATEGORY_SHAPES.length;
  const canvas = document.createElement('canvas');
  canvas.width = CELL * n;
  canvas.height = CELL;
  const ctx = canvas.getContext('2d')!;
  const mapping: Atlas['mapping'] = {};
  for (let k = 0; k < n; k++) {
    drawSymbol(ctx, k, CELL, k * CELL, 0);
    mapping[`s${k}`] = { x: k * CELL, y: 0, width: CELL, height: CELL, mask: false };
  }
  atlas = { url: canvas.toDataURL('image/png'), mapping };
  return atlas;
}

/** One service for the map. */
export interface ServiceMarker {
  lon: number;
  lat: number;
  /** category index (symbol) */
  k: number;
  /** index in the owning list (for picking) */
  i: number;
  /** highlighted (selected or edited in a scenario) */
  highlight?: boolean;
  dim?: boolean;
}

/** Service symbols; `sizeM` is the symbol size in metres (clamped to 9…26 px as the map zooms). */
export function serviceLayer(markers: ServiceMarker[], o: { sizeM?: number; visible?: boolean; trigger?: unknown } = {}) {
  const a = symbolAtlas();
  return new IconLayer<ServiceMarker>({
    id: SVC_LAYER_IDS.points,
    data: markers,
    iconAtlas: a.url,
    iconMapping: a.mapping,
    getIcon: (d) => `s${d.k % CATEGORY_SHAPES.length}`,
    getPosition: (d) => [d.lon, d.lat],
    getSize: (d) => (d.highlight ? 1.6 : 1) * (o.sizeM ?? 160),
    sizeUnits: 'meters',
    sizeMinPixels: 9,
    sizeMaxPixels: 26,
    getColor: (d) => [255, 255, 255, d.dim ? 90 : 255],
    pickable: true,
    autoHighlight: true,
    highlightColor: [0, 0, 0, 60],
    visible: o.visible ?? true,
    updateTriggers: { getSize: o.trigger, getColor: o.trigger },
  });
}

/** The catchment ring (radius in metres) around a selected service. */
export function catchmentRing(center: { lon: number; lat: number } | null, radiusM: number, color: RGB = [29, 78, 137]) {
  return new ScatterplotLayer<{ lon: number; lat: number }>({
    id: SVC_LAYER_IDS.ring,
    data: center ? [center] : [],
    getPosition: (d) => [d.lon, d.lat],
    getRadius: radiusM,
    radiusUnits: 'meters',
    stroked: true,
    filled: true,
    getFillColor: [color[0], color[1], color[2], 28],
    getLineColor: [color[0], color[1], color[2], 220],
    getLineWidth: 2,
    lineWidthUnits: 'pixels',
    pickable: false,
    updateTriggers: { getRadius: radiusM },
  });
}

/** Demand points (address points, grid cells) coloured by class colours (RGBA per point). */
export function demandLayer(lon: Float64Array, lat: Float64Array, colors: Uint8Array, visible = true) {
  const n = lon.length;
  const positions = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    positions[2 * i] = lon[i];
    positions[2 * i + 1] = lat[i];
  }
  return new ScatterplotLayer({
    id: SVC_LAYER_IDS.demand,
    data: { length: n, attributes: { getPosition: { value: positions, size: 2 }, getFillColor: { value: colors, size: 4 } } } as never,
    radiusUnits: 'meters',
    getRadius: 35,
    radiusMinPixels: 1.5,
    radiusMaxPixels: 6,
    stroked: false,
    pickable: true,
    visible,
    updateTriggers: { getFillColor: colors },
  });
}

/** Markers of scenario edits: added (+), moved (target), removed (×) as rings in a distinct style. */
export function scenarioLayer(points: { lon: number; lat: number; kind: 'add' | 'move' | 'remove' }[]) {
  const color = { add: [0, 158, 115], move: [230, 159, 0], remove: [213, 94, 0] } as const;
  return new ScatterplotLayer<(typeof points)[number]>({
    id: SVC_LAYER_IDS.scenario,
    data: points,
    getPosition: (d) => [d.lon, d.lat],
    radiusUnits: 'pixels',
    getRadius: 13,
    stroked: true,
    filled: false,
    getLineColor: (d) => [...color[d.kind], 255] as [number, number, number, number],
    getLineWidth: 3,
    lineWidthUnits: 'pixels',
    pickable: false,
  });
}
