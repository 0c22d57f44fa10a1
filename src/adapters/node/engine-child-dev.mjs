// The engine child when the CLI runs from source (vitest, `node --import` dev runs): the
// TypeScript modules (and their `?raw` SQL imports) go through Vite's module runner. The built
// CLI forks its own bundle instead (SKELDIR_ENGINE_CHILD=1).
import { runnerImport } from 'vite';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const { module } = await runnerImport(resolve(root, 'src/adapters/node/engine-child.ts'), { configFile: false, root, logLevel: 'error' });
module.serveEngine(async () => null);
