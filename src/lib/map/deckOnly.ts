/**
 * The map without a basemap (the default): deck.gl draws alone on its own canvas, with its own
 * controller (pan, zoom, no rotation — as the MapLibre map was set up). The calm background is
 * the container's CSS colour; nothing is fetched.
 */
import { Deck, MapView, type MapViewState } from '@deck.gl/core';
import type { BackendOptions, MapBackend, ViewState } from './view';

export function createDeckOnly(o: BackendOptions): MapBackend {
  let view = o.view;
  const deck = new Deck({
    parent: o.container,
    views: new MapView({ id: 'map' }),
    viewState: view,
    controller: { dragRotate: false, touchRotate: false },
    onViewStateChange: ({ viewState }: { viewState: MapViewState }) => {
      view = { ...view, longitude: viewState.longitude, latitude: viewState.latitude, zoom: viewState.zoom };
      deck.setProps({ viewState: view });
      o.moved();
    },
    onResize: () => o.moved(),
    layers: [],
    ...o.deckProps,
  });
  return {
    ownControls: false,
    setProps: (p) => deck.setProps(p),
    view: () => view,
    setView: (v) => {
      view = v;
      deck.setProps({ viewState: view });
      o.moved();
    },
    // deck.gl measures its canvas and redraws after setProps in its own animation frame
    // (deck.redraw() would draw at once, inside the caller's Svelte effect)
    resize: () => {},
    repaint: () => {},
    destroy: () => deck.finalize(),
  };
}
