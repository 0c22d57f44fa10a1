/**
 * The layering, enforced: `cli`/`app` → `adapters` → `core`, never back; the core imports no
 * `node:*`, no Svelte, no PGlite and touches no DOM global; nothing under src/ imports test code.
 * (src/core/tsconfig.json additionally type-checks the core with no DOM lib and no Node types.)
 * Each rule is also run on a planted violation, so the test can fail.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    return d.isDirectory() ? walk(p) : /\.(ts|svelte|js|mjs)$/.test(d.name) ? [p] : [];
  });
}

/** Code without comments and string/template contents (import specifiers are read separately). */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g, (m) => (m.startsWith('/') ? ' ' : "''"));
}

/** Every module specifier a file imports: static, re-export, side-effect and dynamic `import('…')`. */
export function importsOf(text: string): string[] {
  const noComments = text.replace(/\/\*[\s\S]*?\*\/|(^|[^:])\/\/[^\n]*/g, '$1');
  const out: string[] = [];
  for (const m of noComments.matchAll(/\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\s*\(\s*['"`]([^'"`]+)['"`]\s*\)/g)) out.push(m[1] ?? m[2]);
  return out;
}

const LAYERS = ['core', 'adapters', 'app', 'cli'] as const;
type Layer = (typeof LAYERS)[number];
/** Which layers each layer may import (besides itself). */
const MAY_IMPORT: Record<Layer, Layer[]> = { core: [], adapters: ['core'], app: ['core', 'adapters'], cli: ['core', 'adapters'] };
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
/** DOM-only globals (src/core/tsconfig.json rejects every DOM name; this names the usual ones in the test output). */
const DOM_GLOBALS = ['document', 'window', 'navigator', 'localStorage', 'sessionStorage', 'indexedDB', 'HTMLElement', 'customElements', 'requestAnimationFrame'];

/** The first DOM global `code` uses as a free name (not a property, not a name the file declares itself). */
function domGlobal(code: string): string | null {
  for (const name of DOM_GLOBALS) {
    if (new RegExp(String.raw`\b(function|const|let|var|class)\s+${name}\b`).test(code)) continue;
    if (new RegExp(String.raw`(?<![.\w$])${name}\b(?!\s*:)`).test(code)) return name;
  }
  return null;
}

function layerOf(abs: string): Layer | 'test' | 'other' {
  const rel = relative(ROOT, abs).split(/[\\/]/);
  if (rel[0] === 'test' || rel[0] === 'e2e') return 'test';
  if (rel[0] === 'src' && (LAYERS as readonly string[]).includes(rel[1])) return rel[1] as Layer;
  return 'other';
}

/** The rule violations of one file under src/ (path absolute, text its source). */
export function violations(file: string, text: string): string[] {
  const from = layerOf(file);
  const out: string[] = [];
  for (const spec of importsOf(text)) {
    const bare = spec.replace(/\?.*$/, '');
    if (spec.startsWith('.')) {
      const to = layerOf(resolve(dirname(file), bare));
      if (to === 'test') out.push(`imports test code: ${spec}`);
      else if (to !== 'other' && from !== 'test' && from !== 'other' && to !== from && !MAY_IMPORT[from].includes(to)) out.push(`${from} imports ${to}: ${spec}`);
      if (from === 'core' && bare.endsWith('.svelte') && !existsSync(`${resolve(dirname(file), bare)}.ts`)) out.push(`core imports a Svelte component: ${spec}`);
      continue;
    }
    if (from !== 'core') continue;
    if (NODE_BUILTINS.has(bare) || bare.startsWith('node:')) out.push(`core imports a Node built-in: ${spec}`);
    if (bare === 'svelte' || bare.startsWith('svelte/')) out.push(`core imports Svelte: ${spec}`);
    if (bare.startsWith('@electric-sql/')) out.push(`core imports PGlite: ${spec}`);
  }
  if (from === 'core') {
    const dom = domGlobal(codeOnly(text));
    if (dom) out.push(`core touches the DOM: ${dom}`);
  }
  return out;
}

describe('architecture boundaries', () => {
  const files = walk(join(ROOT, 'src'));

  it('finds the source tree', () => {
    expect(files.filter((f) => layerOf(f) === 'core').length).toBeGreaterThan(50);
    expect(files.some((f) => f.endsWith('.svelte'))).toBe(true);
  });

  it('no file under src/ crosses a boundary', () => {
    const found = files.flatMap((f) => violations(f, readFileSync(f, 'utf8')).map((v) => `${relative(ROOT, f)}: ${v}`));
    expect(found).toEqual([]);
  });

  it('each rule fires on a planted violation', () => {
    const core = join(ROOT, 'src/core/x/y.ts');
    const app = join(ROOT, 'src/app/x/y.ts');
    const adapter = join(ROOT, 'src/adapters/y.ts');
    expect(violations(core, "import { a } from '../../adapters/pglite';")).toEqual(['core imports adapters: ../../adapters/pglite']);
    expect(violations(core, "export { b } from '../../app/state/app.svelte';")).toEqual(['core imports app: ../../app/state/app.svelte']);
    expect(violations(core, "const m = await import('../../cli/main');")).toEqual(['core imports cli: ../../cli/main']);
    expect(violations(core, "import { readFileSync } from 'node:fs';")).toEqual(['core imports a Node built-in: node:fs']);
    expect(violations(core, "import path from 'path';")).toEqual(['core imports a Node built-in: path']);
    expect(violations(core, "import { mount } from 'svelte';")).toEqual(['core imports Svelte: svelte']);
    expect(violations(core, "import View from './View.svelte';")).toEqual(['core imports a Svelte component: ./View.svelte']);
    expect(violations(core, "import { PGlite } from '@electric-sql/pglite';")).toEqual(['core imports PGlite: @electric-sql/pglite']);
    expect(violations(core, 'export const t = () => document.title;')).toEqual(['core touches the DOM: document']);
    expect(violations(core, 'export const h = () => window.location.hash;')).toEqual(['core touches the DOM: window']);
    expect(violations(core, '// the document is parsed\nexport const s = "window" + this.document + f({ navigator: 1 });\nfunction localStorage() {}')).toEqual([]);
    expect(violations(app, "import fixture from '../../../test/erd/fixtures/x.json';")).toEqual(['imports test code: ../../../test/erd/fixtures/x.json']);
    expect(violations(adapter, "import { x } from '../app/state/app.svelte';")).toEqual(['adapters imports app: ../app/state/app.svelte']);
    expect(violations(app, "import { x } from '../../cli/main';")).toEqual(['app imports cli: ../../cli/main']);
    expect(violations(app, "import { runCheck } from '../../core/pipeline';\nimport { f } from '../../adapters/browser/factory';")).toEqual([]);
  });
});
