import { PGlite } from '@electric-sql/pglite';
let t = performance.now();
const pg = await PGlite.create();
console.log('boot', performance.now() - t);
for (const c of ['none', 'gzip']) {
  t = performance.now();
  const b = await pg.dumpDataDir(c);
  console.log(c, b.size, b.type, b.constructor.name, performance.now() - t);
}
const b = await pg.dumpDataDir('gzip');
t = performance.now();
const pg2 = await PGlite.create({ loadDataDir: b });
console.log('load gz', performance.now() - t, (await pg2.query('select 1 as x')).rows);
