/**
 * The map's view without MapLibre: fitting a box, projecting for the label placement, zoom steps
 * and the scale bar. deck.gl draws the map on its own when no basemap is switched on (the
 * default), so these replace what MapLibre's map did for it (same Web-Mercator zoom scale:
 * 512-px tiles).
 */
import { WebMercatorViewport } from '@deck.gl/core';

export interface ViewState {
  longitude: number;
  latitude: number;
  zoom: number;
  pitch: number;
  bearing: number;
  minZoom: number;
  maxZoom: number;
}

export interface Padding {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** MapLibre's limits, so both modes zoom alike. */
export const MIN_ZOOM = 0;
export const MAX_ZOOM = 22;

/** The start view before any area is shown (the Ruhr area), as the MapLibre map had it. */
export function initialView(): ViewState {
  return { longitude: 7.1, latitude: 51.4, zoom: 8, pitch: 0, bearing: 0, minZoom: MIN_ZOOM, maxZoom: MAX_ZOOM };
}

/**
 * The view showing `bbox` ([west, south, east, north]) in a `width` × `height` map with `padding`
 * kept clear; `null` when the map has no size yet (a hidden tab) or the padding leaves no room.
 */
export function fitView(bbox: [number, number, number, number], width: number, height: number, padding: Padding): ViewState | null {
  if (!(width > padding.left + padding.right) || !(height > padding.top + padding.bottom)) return null;
  const [x0, y0, x1, y1] = bbox;
  // fit into the free rectangle, then move its centre there: math.gl's fitBounds offsets an uneven
  // padding with the scale of its own axis, not the fitted one (a left padding under a height-limited
  // fit moved the areas only part of the way — QA-22)
  const inner = new WebMercatorViewport({ width: width - padding.left - padding.right, height: height - padding.top - padding.bottom }).fitBounds(
    [
      [x0, y0],
      [x1, y1],
    ],
    { maxZoom: MAX_ZOOM },
  );
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, inner.zoom));
  const at = new WebMercatorViewport({ width, height, longitude: inner.longitude, latitude: inner.latitude, zoom });
  const [longitude, latitude] = at.unproject([width / 2 - (padding.left - padding.right) / 2, height / 2 - (padding.top - padding.bottom) / 2]);
  return { ...initialView(), longitude, latitude, zoom };
}

/** A projector from longitude/latitude to pixels of the map for `view` (for the label placement). */
export function projector(view: ViewState, width: number, height: number): (lon: number, lat: number) => [number, number] {
  const vp = new WebMercatorViewport({ ...view, width, height });
  return (lon, lat) => {
    const [x, y] = vp.project([lon, lat]);
    return [x, y];
  };
}

/** One zoom step of the + / − buttons (about the centre, within the limits). */
export function zoomBy(view: ViewState, delta: number): ViewState {
  return { ...view, zoom: Math.min(view.maxZoom, Math.max(view.minZoom, view.zoom + delta)) };
}

const EARTH_CIRCUMFERENCE_M = 40_075_016.686;

/**
 * The scale bar as MapLibre's ScaleControl draws it: the distance covered by at most `maxPx`
 * pixels at the map's centre latitude, rounded down to 1, 2, 3 or 5 × 10ⁿ, in m or km.
 */
export function scaleBar(latitude: number, zoom: number, maxPx = 100): { widthPx: number; label: string } {
  const metresPerPx = (EARTH_CIRCUMFERENCE_M * Math.cos((latitude * Math.PI) / 180)) / (512 * 2 ** zoom);
  const maxM = maxPx * metresPerPx;
  const km = maxM >= 1000;
  const max = km ? maxM / 1000 : maxM;
  const nice = roundDown(max);
  return { widthPx: (maxPx * nice) / max, label: `${nice} ${km ? 'km' : 'm'}` };
}

/** Largest 1, 2, 3 or 5 × 10ⁿ not above `x` (MapLibre's getRoundNum). */
function roundDown(x: number): number {
  const pow10 = 10 ** (String(Math.floor(x)).length - 1);
  let d = x / pow10;
  d = d >= 10 ? 10 : d >= 5 ? 5 : d >= 3 ? 3 : d >= 2 ? 2 : d >= 1 ? 1 : decimalRound(d);
  return pow10 * d;
}

/** below 1 m: one significant digit (MapLibre's getDecimalRoundNum) */
function decimalRound(d: number): number {
  const m = 10 ** Math.ceil(-Math.log(d) / Math.LN10);
  return Math.round(d * m) / m;
}

/**
 * What MapView draws on: deck.gl alone (no basemap, the default) or MapLibre's map with deck.gl
 * as its overlay (an opt-in basemap). Both take the same deck.gl props and the same views.
 */
export interface MapBackend {
  /** deck.gl props (layers, tooltip, handlers, onAfterRender, getCursor) */
  setProps(props: Record<string, unknown>): void;
  /** the current view */
  view(): ViewState;
  /** jump to a view (fit, zoom buttons) */
  setView(view: ViewState): void;
  /** measure the container again (after a panel folded) */
  resize(): void;
  /** ask for a new frame (MapLibre draws deck.gl's layers in its own render loop) */
  repaint(): void;
  destroy(): void;
  /** MapLibre draws its own zoom buttons, scale bar and attribution */
  readonly ownControls: boolean;
}

/** What MapView hands a backend: deck.gl's event props and the movement callback. */
export interface BackendOptions {
  container: HTMLDivElement;
  view: ViewState;
  deckProps: Record<string, unknown>;
  /** the view changed (pan, zoom, resize) */
  moved: () => void;
}
