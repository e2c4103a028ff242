/**
 * Frames on demand for deck.gl's animation loop.
 *
 * deck.gl (9.x) asks for the next animation frame after every frame, whether or not anything
 * changed. Each of those frames costs the browser a main-frame update and a compositor frame; with
 * software rendering (virtual desktops, the bench's SwiftShader) an idle map kept ≈ 14 % of a core
 * busy in the page and ≈ 4 % in the GPU process — during a cold start that is processor time
 * taken from DuckDB's start and the first imports (docs/performance.md, „Eighth round“).
 *
 * The gate stands between the loop and `requestAnimationFrame`: while frames draw something, or
 * deck.gl reports pending work, requests pass through. After `idleFrames` requests in a row with
 * neither, the request is parked; `wake()` (props set, input on the map, a resize) passes it on,
 * and while parked a slow poll wakes the loop if deck.gl finds work by itself (e.g. a layer's
 * asynchronous prop arrived). Pure: the clock, frames and deck.gl's state come in as functions.
 */

export interface FrameGateDeps {
  requestFrame: (cb: FrameRequestCallback) => number;
  cancelFrame: (id: number) => void;
  /** whether deck.gl has a redraw or layer update pending */
  pending: () => boolean;
  /** number of frames drawn so far (monotonic) */
  draws: () => number;
  setTimer: (fn: () => void, ms: number) => unknown;
  clearTimer: (timer: unknown) => void;
}

export interface FrameGateOptions {
  /** frame requests without a draw and without pending work before the loop is parked */
  idleFrames?: number;
  /** how often a parked loop asks deck.gl whether it has work of its own (ms) */
  pollMs?: number;
}

export interface FrameGate {
  /** luma.gl's `AnimationFrameProvider` for the loop */
  provider: { requestAnimationFrame: (cb: FrameRequestCallback) => number; cancelAnimationFrame: (id: number) => void };
  /** something may have changed: resume a parked loop at the next frame */
  wake: () => void;
  /** whether the loop's frame request is currently held back */
  parked: () => boolean;
  destroy: () => void;
}

/** The id handed to the loop for a parked request (real frame ids are positive). */
export const PARKED_FRAME = -1;

export function frameGate(deps: FrameGateDeps, opts: FrameGateOptions = {}): FrameGate {
  const idleFrames = opts.idleFrames ?? 12;
  const pollMs = opts.pollMs ?? 200;
  let held: FrameRequestCallback | null = null;
  let timer: unknown = null;
  let idle = 0;
  let lastDraws = deps.draws();
  let destroyed = false;

  const stopPoll = () => {
    if (timer !== null) deps.clearTimer(timer);
    timer = null;
  };
  const poll = () => {
    timer = null;
    if (!held || destroyed) return;
    if (deps.pending()) wake();
    else timer = deps.setTimer(poll, pollMs);
  };
  function wake(): void {
    idle = 0;
    if (!held || destroyed) return;
    const cb = held;
    held = null;
    stopPoll();
    // the loop still holds PARKED_FRAME as its id; a later cancel of it is a no-op and the loop's
    // own callback ignores a frame that arrives after it stopped
    deps.requestFrame(cb);
  }

  return {
    provider: {
      requestAnimationFrame(cb) {
        const d = deps.draws();
        if (d !== lastDraws || deps.pending()) {
          lastDraws = d;
          idle = 0;
        } else idle++;
        if (idle < idleFrames || destroyed) return deps.requestFrame(cb);
        held = cb;
        stopPoll();
        timer = deps.setTimer(poll, pollMs);
        return PARKED_FRAME;
      },
      cancelAnimationFrame(id) {
        if (id === PARKED_FRAME) {
          held = null;
          stopPoll();
        } else deps.cancelFrame(id);
      },
    },
    wake,
    parked: () => held !== null,
    destroy() {
      destroyed = true;
      held = null;
      stopPoll();
    },
  };
}
