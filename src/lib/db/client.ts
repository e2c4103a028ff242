import { Comlink } from '../contract/comlink';
import { AppError } from '../contract/errors';
import type { EngineApi } from '../../../workers/engine.worker';

export type EngineClient = Comlink.Remote<EngineApi>;

/** Thrown to every pending and later call once the worker is gone. */
export class EngineDeadError extends AppError {
  constructor(reason: string) {
    super('engine.dead', { reason }, undefined, `Der Rechenkern wurde beendet (${reason}).`);
    this.name = 'EngineDeadError';
  }
}

export interface EngineOptions {
  /** time between heartbeats while no call is pending */
  heartbeatMs?: number;
  /** an idle worker that does not answer `ping` within this time is taken as dead */
  pingTimeoutMs?: number;
}

interface Spawned {
  worker: Worker;
  /** the Web Lock the worker holds for its lifetime (its name) */
  lockName: string;
  /** the first error the worker reported before a client listened */
  error: string | null;
}

function spawnWorker(): Spawned {
  const lockName = `srw-engine-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  const worker = new Worker(new URL('../../../workers/engine.entry.ts', import.meta.url), { type: 'module', name: lockName });
  const s: Spawned = { worker, lockName, error: null };
  worker.addEventListener('error', (e) => (s.error ??= e.message || 'Worker-Fehler'));
  return s;
}

let early: Spawned | null = null;

/**
 * Starts the engine worker at once (page load, before the app's code is loaded), so DuckDB's wasm
 * downloads and compiles meanwhile; the first {@link startEngine} takes it over.
 */
export function prestartEngine(): void {
  early ??= spawnWorker();
}

/**
 * Starts the engine worker and wraps it with Comlink. `onCrash` fires once when the worker dies
 * (out of memory, a bug, `self.close()`); every pending call is then rejected with
 * {@link EngineDeadError} instead of hanging, and so is every later call on this client.
 *
 * Death is detected three ways: the worker's `error` event; a Web Lock the worker holds for its
 * lifetime (released by the browser when the worker ends, even by `self.close()`, which fires no
 * event); and a `ping` heartbeat while idle (a busy worker runs blocking DuckDB calls and cannot
 * answer, so the heartbeat only runs when no call is pending).
 */
export function startEngine(onCrash: (reason: string) => void, opts: EngineOptions = {}): { client: EngineClient; terminate: () => void } {
  const heartbeatMs = opts.heartbeatMs ?? 2000;
  const pingTimeoutMs = opts.pingTimeoutMs ?? 6000;
  const started = early ?? spawnWorker();
  early = null;
  const { worker, lockName } = started;
  const remote = Comlink.wrap<EngineApi>(worker);

  let dead: EngineDeadError | null = null;
  let rejectDead: (e: Error) => void = () => {};
  const deadPromise = new Promise<never>((_, reject) => (rejectDead = reject));
  deadPromise.catch(() => {});
  let pending = 0;
  let ended = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const die = (reason: string) => {
    if (dead || ended) return;
    dead = new EngineDeadError(reason);
    rejectDead(dead);
    stop();
    onCrash(reason);
  };
  const stop = () => {
    ended = true;
    clearTimeout(timer);
    worker.terminate();
  };

  worker.addEventListener('error', (e) => die(e.message || 'Worker-Fehler'));
  // an error while the pre-started worker waited for this client
  if (started.error) queueMicrotask(() => die(started.error!));
  worker.addEventListener('messageerror', () => die('Nachricht konnte nicht gelesen werden'));

  // The worker takes this lock as soon as it runs; once we got it, the worker has ended.
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  if (locks) {
    void waitForWorkerLock(locks, lockName).then((ok) => {
      if (ok) void locks.request(lockName, () => die('Arbeitsprozess beendet'));
    });
  }

  const guard = <T>(p: Promise<T>): Promise<T> => {
    if (dead) return Promise.reject(dead);
    pending++;
    return Promise.race([p, deadPromise]).finally(() => pending--);
  };

  const beat = () => {
    if (ended) return;
    if (pending > 0) {
      timer = setTimeout(beat, heartbeatMs);
      return;
    }
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), pingTimeoutMs));
    void Promise.race([remote.ping(), timeout]).then((r) => {
      // a call started meanwhile may legitimately keep the worker busy
      if (r === 'timeout' && pending === 0) die('keine Antwort');
      else timer = setTimeout(beat, heartbeatMs);
    });
  };
  timer = setTimeout(beat, heartbeatMs);

  const client = new Proxy({} as EngineClient, {
    get(_, prop) {
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      return (...args: unknown[]) => guard((remote as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[prop](...args));
    },
  });
  return {
    client,
    terminate: stop,
  };
}

/** Poll until the worker holds its lifetime lock (it takes it on start), at most ~30 s. */
async function waitForWorkerLock(locks: LockManager, name: string): Promise<boolean> {
  for (let i = 0; i < 300; i++) {
    const q = await locks.query();
    if (q.held?.some((l) => l.name === name)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export { Comlink };
