import { PGlite } from '@electric-sql/pglite';
let t=performance.now();
const db = await PGlite.create();
console.log('boot', (performance.now()-t).toFixed(0));
console.log((await db.query('select version()')).rows);
await db.exec(`create role app_rw nologin; create table t(id int, tenant uuid); alter table t enable row level security; create policy p on t using (tenant = current_setting('app.current_tenant_id')::uuid); grant select,insert on t to app_rw; insert into t values (1,'00000000-0000-0000-0000-000000000001'),(2,'00000000-0000-0000-0000-000000000002');`);
await db.exec(`set role app_rw; set app.current_tenant_id='00000000-0000-0000-0000-000000000001'`);
console.log((await db.query('select * from t')).rows, (await db.query('select current_user, session_user')).rows);
await db.exec('reset role');
t=performance.now();
const dd = await db.dumpDataDir('none');
console.log('dump', (performance.now()-t).toFixed(0), dd.size);
t=performance.now();
const db2 = await PGlite.create({loadDataDir: dd});
console.log('load', (performance.now()-t).toFixed(0), (await db2.query('select count(*) from t')).rows);
if (db.clone) { t=performance.now(); const c = await db.clone(); console.log('clone', (performance.now()-t).toFixed(0), (await c.query('select count(*) from t')).rows); }
