// Module hooks for running the engine child from TypeScript sources without Vite (tests,
// unbundled runs): `.ts` files are transpiled one by one (oxc through Vite's own rolldown: types
// erased, nothing checked; ~0.1 s where Vite's module runner took seconds), extensionless relative imports resolve to `.ts`, and Vite's `?raw`
// imports become a string export, JSON imports need no attribute. Registered by dev-register.mjs.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'rolldown/experimental';

export async function resolve(specifier, context, next) {
  const parent = context.parentURL ?? '';
  if (specifier.endsWith('?raw') && (specifier.startsWith('.') || specifier.startsWith('/'))) {
    const url = new URL(specifier, parent);
    return { url: url.href, shortCircuit: true };
  }
  if ((specifier.startsWith('./') || specifier.startsWith('../')) && parent.endsWith('.ts') && !/\.[cm]?[jt]s$/.test(specifier)) {
    for (const ext of ['.ts', '/index.ts']) {
      const url = new URL(specifier + ext, parent);
      if (existsSync(fileURLToPath(url))) return { url: url.href, shortCircuit: true };
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (url.endsWith('?raw')) {
    const text = readFileSync(fileURLToPath(url.slice(0, -4)), 'utf8');
    return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
  }
  if (url.startsWith('file:') && url.endsWith('.json') && !context.importAttributes?.type) {
    // Vite imports JSON without an import attribute.
    return { format: 'module', source: `export default ${readFileSync(fileURLToPath(url), 'utf8')};`, shortCircuit: true };
  }
  if (url.startsWith('file:') && url.endsWith('.ts')) {
    const source = readFileSync(fileURLToPath(url), 'utf8');
    const out = transformSync(fileURLToPath(url), source, { lang: 'ts' });
    if (out.errors.length) throw new Error(`${url}: ${out.errors.map((e) => e.message).join('; ')}`);
    return { format: 'module', source: out.code, shortCircuit: true };
  }
  return next(url, context);
}

