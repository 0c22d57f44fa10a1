import { mount } from 'svelte';
import App from './App.svelte';
import { startEngineWorker } from './state/engine.svelte';
import './app.css';

// PostgreSQL starts before the UI renders: the worker's first database boots while the page mounts.
performance.mark('skeldir:main');
startEngineWorker();
mount(App, { target: document.getElementById('app')! });

// Offline after the first visit: a service worker caches the built assets (production only).
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch((err) => console.warn('Service worker not registered', err));
}
