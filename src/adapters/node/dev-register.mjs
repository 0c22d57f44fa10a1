// `node --import ./dev-register.mjs`: TypeScript sources run as they are (dev-hooks.mjs).
import { register } from 'node:module';
register('./dev-hooks.mjs', import.meta.url);
