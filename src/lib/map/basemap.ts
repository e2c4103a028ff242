/**
 * The opt-in basemap: MapLibre's map under deck.gl (MapboxOverlay). Loaded on demand (dynamic
 * import) only when a planner switches a basemap on: without one, deck.gl draws alone and the
 * start of the app neither parses MapLibre nor sets up its WebGL map.
 */
import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { BackendOptions, MapBackend, ViewState } from './view';

/** A MapLibre map with `styleUrl` and deck.gl over it; resolves once the style is loaded. */
export function createBasemap(styleUrl: string, o: BackendOptions): Promise<MapBackend> {
  maplibregl.setWorkerUrl(workerUrl);
  const ml = new maplibregl.Map({
    container: o.container,
    style: styleUrl,
    center: [o.view.longitude, o.view.latitude],
    zoom: o.view.zoom,
    minZoom: o.view.minZoom,
    maxZoom: o.view.maxZoom,
    dragRotate: false,
    pitchWithRotate: false,
  });
  ml.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  ml.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
  const overlay = new MapboxOverlay({ interleaved: false, layers: [], ...o.deckProps });
  ml.addControl(overlay as unknown as maplibregl.IControl);
  ml.on('move', o.moved);
  ml.on('resize', o.moved);
  const backend: MapBackend = {
    ownControls: true,
    setProps: (p) => overlay.setProps(p),
    view: (): ViewState => {
      const c = ml.getCenter();
      return { longitude: c.lng, latitude: c.lat, zoom: ml.getZoom(), pitch: 0, bearing: 0, minZoom: ml.getMinZoom(), maxZoom: ml.getMaxZoom() };
    },
    setView: (v) => ml.jumpTo({ center: [v.longitude, v.latitude], zoom: v.zoom }),
    resize: () => ml.resize(),
    repaint: () => ml.triggerRepaint(),
    destroy: () => {
      overlay.finalize();
      ml.remove();
    },
  };
  return new Promise((resolve) => {
    if (ml.loaded()) resolve(backend);
    else ml.once('load', () => resolve(backend));
    // a style that cannot be loaded still gives a map: deck.gl's layers over an empty MapLibre map
    ml.once('error', () => resolve(backend));
  });
}
