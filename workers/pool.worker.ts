/// <reference lib="webworker" />
/** One worker of the permutation pool (started by the engine worker, see `workers/pool.ts`). */
import { servePool } from '../src/lib/parallel/serve';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handle = servePool((msg, transfer) => scope.postMessage(msg, transfer));
scope.onmessage = (e: MessageEvent) => handle(e.data);
