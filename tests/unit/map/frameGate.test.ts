import { describe, expect, it } from 'vitest';
import { frameGate, PARKED_FRAME } from '../../../src/lib/map/frameGate';

/** A fake browser: frames run when `tick()` is called, timers when `advance(ms)` passes them. */
function harness(opts: { idleFrames?: number; pollMs?: number } = {}) {
  let nextId = 1;
  const frames = new Map<number, FrameRequestCallback>();
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let now = 0;
  const state = { pending: false, draws: 0, requested: 0, cancelled: 0 };
  const gate = frameGate(
    {
      requestFrame: (cb) => {
        state.requested++;
        frames.set(nextId, cb);
        return nextId++;
      },
      cancelFrame: (id) => {
        state.cancelled++;
        frames.delete(id);
      },
      pending: () => state.pending,
      draws: () => state.draws,
      setTimer: (fn, ms) => {
        const t = { at: now + ms, fn, id: nextId++ };
        timers.push(t);
        return t;
      },
      clearTimer: (t) => {
        const i = timers.indexOf(t as (typeof timers)[number]);
        if (i >= 0) timers.splice(i, 1);
      },
    },
    opts,
  );
  /** a loop like luma.gl's AnimationLoop: draw if asked, then request the next frame */
  const loop = {
    id: null as number | null,
    running: true,
    frames: 0,
    drawNext: false,
    start() {
      this.id = gate.provider.requestAnimationFrame(() => this.frame());
    },
    frame() {
      if (!this.running) return;
      this.frames++;
      if (this.drawNext || state.pending) {
        state.draws++;
        this.drawNext = false;
        state.pending = false;
      }
      this.id = gate.provider.requestAnimationFrame(() => this.frame());
    },
    stop() {
      this.running = false;
      if (this.id !== null) gate.provider.cancelAnimationFrame(this.id);
      this.id = null;
    },
  };
  const tick = (n = 1) => {
    for (let i = 0; i < n; i++) {
      const due = [...frames];
      frames.clear();
      for (const [, cb] of due) cb(0);
    }
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of [...timers].sort((a, b) => a.at - b.at)) {
      if (t.at <= now && timers.includes(t)) {
        timers.splice(timers.indexOf(t), 1);
        t.fn();
      }
    }
  };
  return { gate, loop, state, tick, advance, frames, timers };
}

/** A loop started and left idle until the gate parked it. */
function parkedLoop(opts: { idleFrames: number; pollMs?: number }) {
  const h = harness(opts);
  h.loop.start();
  h.tick(opts.idleFrames + 3);
  expect(h.gate.parked()).toBe(true);
  return h;
}

describe('frameGate: deck.gl frames on demand', () => {
  it('parks the loop after idleFrames requests without a draw, and asks the browser for no more frames', () => {
    const h = harness({ idleFrames: 5 });
    h.loop.start();
    h.tick(20);
    // five requests in a row without a draw: the first four pass, the fifth is held back
    expect(h.loop.frames).toBe(4);
    expect(h.gate.parked()).toBe(true);
    expect(h.loop.id).toBe(PARKED_FRAME);
    const asked = h.state.requested;
    h.tick(50);
    expect(h.state.requested).toBe(asked);
    expect(h.loop.frames).toBe(4);
  });

  it('wake() resumes the held frame at once; the next idle stretch parks again', () => {
    const h = parkedLoop({ idleFrames: 3 });
    const before = h.loop.frames;
    h.loop.drawNext = true; // e.g. setProps with new layers
    h.gate.wake();
    expect(h.gate.parked()).toBe(false);
    h.tick(1);
    expect(h.loop.frames).toBe(before + 1);
    expect(h.state.draws).toBe(1);
    h.tick(10);
    expect(h.gate.parked()).toBe(true);
    expect(h.loop.frames).toBe(before + 4);
  });

  it('does not park while frames draw (a pan, a transition) or deck.gl reports pending work', () => {
    const h = harness({ idleFrames: 3 });
    h.loop.start();
    for (let i = 0; i < 30; i++) {
      h.loop.drawNext = true;
      h.tick(1);
    }
    expect(h.gate.parked()).toBe(false);
    expect(h.state.draws).toBe(30);
    // pending work keeps the loop going even without a draw counted yet
    const g = harness({ idleFrames: 2 });
    g.state.pending = true;
    g.loop.start();
    g.loop.frame = function () {
      this.frames++;
      this.id = g.gate.provider.requestAnimationFrame(() => this.frame());
    };
    g.tick(10);
    expect(g.gate.parked()).toBe(false);
    expect(g.loop.frames).toBe(10);
  });

  it('a parked loop is woken by the poll when deck.gl finds work by itself', () => {
    const h = parkedLoop({ idleFrames: 2, pollMs: 200 });
    h.advance(1000);
    expect(h.gate.parked()).toBe(true); // nothing pending: still parked, the poll re-arms
    expect(h.timers.length).toBe(1);
    h.state.pending = true; // e.g. a layer's asynchronous prop arrived
    h.advance(199);
    expect(h.gate.parked()).toBe(true);
    h.advance(1);
    expect(h.gate.parked()).toBe(false);
    h.tick(1);
    expect(h.state.draws).toBe(1);
    expect(h.timers.length).toBe(0);
  });

  it('stopping a parked loop clears the held frame and the poll; a woken frame after stop does nothing', () => {
    const h = parkedLoop({ idleFrames: 2 });
    h.loop.stop();
    expect(h.gate.parked()).toBe(false);
    expect(h.timers.length).toBe(0);
    h.gate.wake(); // nothing held: no frame is requested
    expect(h.frames.size).toBe(0);

    const k = parkedLoop({ idleFrames: 2 });
    k.gate.wake(); // frame requested for the held callback …
    k.loop.stop(); // … the loop stops, cancelling PARKED_FRAME (a no-op)
    expect(k.state.cancelled).toBe(0);
    const frames = k.loop.frames;
    k.tick(3);
    expect(k.loop.frames).toBe(frames); // the loop ignores the late frame
  });

  it('after destroy every request passes through (no parking, no timers)', () => {
    const h = parkedLoop({ idleFrames: 2 });
    h.gate.destroy();
    expect(h.gate.parked()).toBe(false);
    expect(h.timers.length).toBe(0);
    const g = harness({ idleFrames: 2 });
    g.gate.destroy();
    g.loop.start();
    g.tick(10);
    expect(g.gate.parked()).toBe(false);
    expect(g.loop.frames).toBe(10);
  });
});
