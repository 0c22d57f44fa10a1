#!/usr/bin/env node
// Thin shim: the CLI is built by `npm run build:cli` (run on `npm install` via `prepare`).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const built = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'skeldir-schema.mjs');
if (!existsSync(built)) {
  process.stderr.write('skeldir-schema: the CLI is not built yet; run `npm run build:cli`\n');
  process.exit(3);
}
const { main } = await import(pathToFileURL(built).href);
process.exitCode = await main(process.argv.slice(2));
