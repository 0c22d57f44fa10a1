-- Catalog queries for functions, procedures, aggregates and triggers.
-- Same conventions as relations.sql.

-- name: functions
-- prokind: f function, p procedure, a aggregate, w window. pg_get_functiondef cannot print
-- aggregates, so an aggregate's definition is its signature plus its transition function.
SELECT n.nspname AS schema, p.proname AS name,
       pg_get_function_identity_arguments(p.oid) AS identity_args,
       CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' WHEN 'w' THEN 'window' ELSE 'function' END AS kind,
       CASE WHEN p.prokind <> 'p' THEN pg_get_function_result(p.oid) END AS returns,
       l.lanname AS language,
       p.prosecdef AS security_definer,
       p.provolatile AS volatility,
       CASE WHEN p.prokind = 'a' THEN
         'AGGREGATE ' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
         || coalesce((SELECT ' SFUNC = ' || ag.aggtransfn::regproc::text || ' STYPE = ' || format_type(ag.aggtranstype, NULL)
                      FROM pg_aggregate ag WHERE ag.aggfnoid = p.oid), '')
       ELSE pg_get_functiondef(p.oid) END AS definition,
       obj_description(p.oid, 'pg_proc') AS comment,
       pg_get_userbyid(p.proowner) AS owner
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
JOIN pg_language l ON l.oid = p.prolang
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3;

-- name: triggers
-- tgtype bits: 1 ROW, 2 BEFORE, 4 INSERT, 8 DELETE, 16 UPDATE, 32 TRUNCATE, 64 INSTEAD OF.
-- Internal triggers (those implementing foreign keys) are not user objects.
SELECT n.nspname AS schema, c.relname AS table, t.tgname AS name,
       CASE WHEN (t.tgtype & 2) <> 0 THEN 'BEFORE' WHEN (t.tgtype & 64) <> 0 THEN 'INSTEAD OF' ELSE 'AFTER' END AS timing,
       array_remove(ARRAY[
         CASE WHEN (t.tgtype & 8) <> 0 THEN 'DELETE' END,
         CASE WHEN (t.tgtype & 4) <> 0 THEN 'INSERT' END,
         CASE WHEN (t.tgtype & 32) <> 0 THEN 'TRUNCATE' END,
         CASE WHEN (t.tgtype & 16) <> 0 THEN 'UPDATE' END], NULL) AS events,
       CASE WHEN (t.tgtype & 1) <> 0 THEN 'ROW' ELSE 'STATEMENT' END AS level,
       fn.nspname || '.' || f.proname AS function,
       t.tgenabled AS enabled,
       pg_get_triggerdef(t.oid) AS definition,
       obj_description(t.oid, 'pg_trigger') AS comment
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc f ON f.oid = t.tgfoid
JOIN pg_namespace fn ON fn.oid = f.pronamespace
WHERE NOT t.tgisinternal
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3;

-- name: rules
-- CREATE RULE on tables and views; `_RETURN` is the rule that makes a view a view (its
-- definition is the view's). ev_enabled: O origin, D disabled, R replica, A always.
SELECT n.nspname AS schema, c.relname AS table, r.rulename AS name,
       pg_get_ruledef(r.oid) AS definition, r.ev_enabled AS enabled,
       obj_description(r.oid, 'pg_rewrite') AS comment
FROM pg_rewrite r
JOIN pg_class c ON c.oid = r.ev_class
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE r.rulename <> '_RETURN'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3;
