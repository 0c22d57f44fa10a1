// The engine child when the CLI runs from source (vitest): forked with
// `--import dev-register.mjs`, so the TypeScript modules load as they are. The built CLI forks
// its own bundle instead (SKELDIR_ENGINE_CHILD=1).
import { serveEngine } from './engine-child.ts';

serveEngine({ template: async () => null, canonical: async () => null });
