/**
 * RLS isolation suite benchmark: the canonical Skeldir schema and a generated 100-table
 * multi-tenant schema (test/synth/generate.ts; only the column name `tenant_id` is given —
 * the GUC is inferred from the policies). Measures the suite alone (clone, roles, seeding,
 * every scenario), after loading + introspection.
 *
 * The engine is TypeScript with `?raw` SQL imports, so it is loaded through Vite's SSR module
 * loader (vite is already a dependency) — no build step needed.
 *
 * `node bench/rls.mjs` prints a table and writes bench/results/rls.json;
 * `import { run } from './rls.mjs'` returns the rows. Env: BENCH_RLS_SIZES=100
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createServer } from 'vite';

const HERE = import.meta.dirname;
const ROOT = join(HERE, '..');

export async function run() {
  const server = await createServer({ root: ROOT, configFile: false, logLevel: 'error', appType: 'custom', server: { middlewareMode: true, hmr: false, ws: false }, optimizeDeps: { noDiscovery: true, include: [] } });
  try {
    const load = (p) => server.ssrLoadModule(p);
    const { pgliteFactory } = await load('/src/adapters/pglite.ts');
    const { loadScript } = await load('/src/core/load/load.ts');
    const { introspect } = await load('/src/core/introspect/introspect.ts');
    const { runRlsSuite } = await load('/src/core/rls/suite.ts');
    const { runRlsOracle } = await load('/src/core/rls/oracle.ts');
    const { parseSeedOverrides } = await load('/src/core/synth/overrides.ts');
    const { generateRlsSchema } = await load('/test/synth/generate.ts');
    const factory = pgliteFactory();
    const rows = [];
    const measure = async (name, sql, tenancy, overrides) => {
      const { db, summary } = await loadScript(factory, sql, { source: name });
      if (summary.errors.length) throw new Error(`${name}: ${summary.errors[0].message}`);
      const model = await introspect(db);
      const t0 = performance.now();
      const section = await runRlsSuite(db, model, tenancy, { overrides });
      const ms = performance.now() - t0;
      await db.close();
      const tables = new Set(section.tests.map((t) => t.table)).size;
      rows.push({ schema: name, tenant_tables: tables, tests: section.tests.length, ...section.summary, suite_ms: Math.round(ms), ms_per_table: Math.round(ms / Math.max(1, tables)) });
    };
    const skeldirOverrides = parseSeedOverrides(readFileSync(join(ROOT, 'schema/seeds/skeldir.yaml'), 'utf8'), 'schema/seeds/skeldir.yaml');
    await measure('skeldir canonical', readFileSync(join(ROOT, 'schema/canonical_schema.sql'), 'utf8'),
      { column: 'tenant_id', guc: 'app.current_tenant_id', tenantsTable: 'public.tenants', appRole: 'app_rw' }, skeldirOverrides);
    for (const n of (process.env.BENCH_RLS_SIZES ?? '100').split(',').map(Number)) {
      await measure(`generated ${n} tables`, generateRlsSchema(n), { column: 'tenant_id', guc: '', tenantsTable: null, appRole: null });
      // No overlay: identity inferred, the same probes on canonical and dump (both the generated schema).
      const sql = generateRlsSchema(n);
      const sides = [];
      for (let i = 0; i < 2; i++) {
        const { db, summary } = await loadScript(factory, sql, { source: `generated ${n}` });
        if (summary.errors.length) throw new Error(`generated ${n}: ${summary.errors[0].message}`);
        sides.push({ db, model: await introspect(db) });
      }
      const t0 = performance.now();
      const section = await runRlsOracle(sides[0], sides[1]);
      const ms = performance.now() - t0;
      for (const s of sides) await s.db.close();
      const tables = new Set(section.tests.map((t) => t.table)).size;
      rows.push({ schema: `generated ${n} tables, no overlay (oracle: canonical + dump)`, tenant_tables: tables, tests: section.tests.length, ...section.summary, suite_ms: Math.round(ms), ms_per_table: Math.round(ms / Math.max(1, tables)) });
    }
    return rows;
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const rows = await run();
  console.log('| schema | tenant tables | tests | passed | failed | inconclusive | suite | per table |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.schema} | ${r.tenant_tables} | ${r.tests} | ${r.passed} | ${r.failed} | ${r.inconclusive} | ${r.suite_ms} ms | ${r.ms_per_table} ms |`);
  mkdirSync(join(HERE, 'results'), { recursive: true });
  writeFileSync(join(HERE, 'results', 'rls.json'), JSON.stringify({ generated_at: new Date().toISOString(), node: process.version, rows }, null, 2) + '\n');
  console.log('wrote bench/results/rls.json');
  if (rows.some((r) => r.failed || r.inconclusive)) process.exitCode = 1;
}
