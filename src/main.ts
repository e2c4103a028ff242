import { mount } from 'svelte';
import App from './components/App.svelte';
import './app.css';
import { mark } from './lib/state/marks';

mark('main');

mount(App, { target: document.getElementById('app')! });
mark('mounted');

// Offline use after the first visit (public/sw.js); not in the dev server, where files change.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  void navigator.serviceWorker.register('./sw.js').catch(() => {});
}
