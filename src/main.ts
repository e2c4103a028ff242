import { prestartEngine } from './lib/db/client';
import { mark } from './lib/state/marks';
import { readSessionEarly } from './lib/state/persist';
import './app.css';

// The engine worker (and with it DuckDB's wasm download and compile) starts first; the app's
// code (≈ 2 MB) loads meanwhile.
prestartEngine();
mark('worker-started');
// the saved-session check (IndexedDB) runs meanwhile too: a `?demo=` start waits for its answer
readSessionEarly();

void Promise.all([import('svelte'), import('./components/App.svelte')]).then(([{ mount }, { default: App }]) => {
  mark('main');
  mount(App, { target: document.getElementById('app')! });
  mark('mounted');
});
