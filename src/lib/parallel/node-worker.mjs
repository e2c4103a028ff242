// A Node worker thread of the pool. The kernels are TypeScript: tsx's loader compiles them here
// as it does for the CLI (the CLI and the tests run under tsx or vitest).
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { servePool } = await import('./serve.ts');
const handle = servePool((msg, transfer) => parentPort.postMessage(msg, transfer));
parentPort.on('message', handle);
