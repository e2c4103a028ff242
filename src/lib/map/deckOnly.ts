/**
 * The map without a basemap (the default): deck.gl draws alone on its own canvas, with its own
 * controller (pan, zoom, no rotation — as the MapLibre map was set up). The calm background is
 * the container's CSS colour; nothing is fetched. Frames are drawn on demand (`frameGate`): an
 * idle map asks the browser for no frames.
 */
import { Deck, MapView, type DeckProps, type MapViewState } from '@deck.gl/core';
import { frameGate, type FrameGate } from './frameGate';
import type { BackendOptions, MapBackend, ViewState } from './view';

/** Input on the map that deck.gl handles inside its next frame (picking, cursor, controller). */
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'pointerup', 'pointerleave', 'wheel', 'keydown', 'touchstart', 'touchmove', 'touchend'] as const;

/** deck.gl with its animation loop behind a frame gate (the loop and its state are protected members). */
class OnDemandDeck extends Deck<MapView> {
  readonly gate: FrameGate;
  private drawCount = 0;
  constructor(props: DeckProps<MapView>) {
    super(props);
    this.gate = frameGate({
      requestFrame: (cb) => requestAnimationFrame(cb),
      cancelFrame: (id) => cancelAnimationFrame(id),
      pending: () => !!this.needsRedraw({ clearRedrawFlags: false }) || !!this.layerManager?.needsUpdate(),
      draws: () => this.drawCount,
      setTimer: (fn, ms) => setTimeout(fn, ms),
      clearTimer: (t) => clearTimeout(t as ReturnType<typeof setTimeout>),
    });
    // set before the loop's first request: the loop starts after the WebGL device is created (async)
    this.animationLoop?.setProps({ animationFrameProvider: this.gate.provider });
  }
  /** counts draws for the gate; the caller's `onAfterRender` still runs */
  override setProps(props: Partial<DeckProps<MapView>>): void {
    if ('onAfterRender' in props) {
      const after = props.onAfterRender;
      props = {
        ...props,
        onAfterRender: (ctx) => {
          this.drawCount++;
          after?.(ctx);
        },
      };
    }
    super.setProps(props);
    this.gate?.wake();
  }
  override finalize(): void {
    this.gate.destroy();
    super.finalize();
  }
}

export function createDeckOnly(o: BackendOptions): MapBackend {
  let view = o.view;
  const deck = new OnDemandDeck({
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
    // the map is drawn whole in every frame: no copy of the last frame needs to be kept (luma.gl
    // keeps one by default — one more full-canvas copy per frame in software WebGL); exports are
    // drawn as SVG, never read from this canvas
    deviceProps: { webgl: { preserveDrawingBuffer: false } },
    onAfterRender: () => {},
    ...o.deckProps,
  });
  const wake = () => deck.gate.wake();
  for (const type of INPUT_EVENTS) o.container.addEventListener(type, wake, { capture: true, passive: true });
  // deck.gl notices a new canvas size inside a frame
  const resized = new ResizeObserver(wake);
  resized.observe(o.container);
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
    resize: wake,
    repaint: wake,
    destroy: () => {
      resized.disconnect();
      for (const type of INPUT_EVENTS) o.container.removeEventListener(type, wake, { capture: true });
      deck.finalize();
    },
  };
}
