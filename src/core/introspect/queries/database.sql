-- Catalog queries for database-wide objects and schema properties: schema owners and
-- comments, collations, event triggers, publications, foreign servers, default privileges.
-- Same conventions as relations.sql.

-- name: namespaces
SELECT n.nspname AS name, pg_get_userbyid(n.nspowner) AS owner, obj_description(n.oid, 'pg_namespace') AS comment
FROM pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
ORDER BY 1;

-- name: collations
-- The catalog row minus identity columns, as JSON: the columns that say how it sorts differ
-- between server versions (colliculocale PG15/16, colllocale PG17+), so no list is hard-coded.
SELECT n.nspname AS schema, co.collname AS name,
       (to_jsonb(co) - 'oid' - 'collname' - 'collnamespace' - 'collowner' - 'collversion')::text AS definition,
       pg_get_userbyid(co.collowner) AS owner,
       obj_description(co.oid, 'pg_collation') AS comment
FROM pg_collation co
JOIN pg_namespace n ON n.oid = co.collnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_collation'::regclass AND d.objid = co.oid AND d.deptype = 'e')
ORDER BY 1, 2;

-- name: event_triggers
SELECT e.evtname AS name, e.evtevent AS event,
       coalesce((SELECT array_agg(t ORDER BY t) FROM unnest(e.evttags) AS t), '{}') AS tags,
       fn.nspname || '.' || f.proname AS function,
       e.evtenabled AS enabled,
       pg_get_userbyid(e.evtowner) AS owner,
       obj_description(e.oid, 'pg_event_trigger') AS comment
FROM pg_event_trigger e
JOIN pg_proc f ON f.oid = e.evtfoid
JOIN pg_namespace fn ON fn.oid = f.pronamespace
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_event_trigger'::regclass AND d.objid = e.oid AND d.deptype = 'e')
ORDER BY 1;

-- name: publications
-- Published tables carry their column list and row filter (PG15+) as Postgres prints them.
SELECT p.pubname AS name, p.puballtables AS all_tables,
       array_remove(ARRAY[CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubinsert THEN 'insert' END,
                          CASE WHEN p.pubtruncate THEN 'truncate' END, CASE WHEN p.pubupdate THEN 'update' END], NULL) AS actions,
       p.pubviaroot AS via_root,
       coalesce((SELECT array_agg(x.t ORDER BY x.t) FROM (
         SELECT n.nspname || '.' || c.relname
                || coalesce(' (' || (SELECT string_agg(a.attname, ', ' ORDER BY a.attnum) FROM pg_attribute a
                                     WHERE a.attrelid = pr.prrelid AND a.attnum = ANY (pr.prattrs::int2[])) || ')', '')
                || coalesce(' WHERE ' || pg_get_expr(pr.prqual, pr.prrelid), '') AS t
         FROM pg_publication_rel pr JOIN pg_class c ON c.oid = pr.prrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE pr.prpubid = p.oid) x), '{}') AS tables,
       coalesce((SELECT array_agg(n.nspname ORDER BY n.nspname) FROM pg_publication_namespace pn
                 JOIN pg_namespace n ON n.oid = pn.pnnspid WHERE pn.pnpubid = p.oid), '{}') AS schemas,
       pg_get_userbyid(p.pubowner) AS owner,
       obj_description(p.oid, 'pg_publication') AS comment
FROM pg_publication p
ORDER BY 1;

-- name: foreign_data_wrappers
SELECT w.fdwname AS name,
       concat_ws(' ', CASE WHEN w.fdwhandler <> 0 THEN 'HANDLER ' || w.fdwhandler::regproc::text END,
                 CASE WHEN w.fdwvalidator <> 0 THEN 'VALIDATOR ' || w.fdwvalidator::regproc::text END,
                 'OPTIONS (' || (SELECT string_agg(o, ', ' ORDER BY o) FROM unnest(w.fdwoptions) AS o) || ')') AS definition,
       pg_get_userbyid(w.fdwowner) AS owner,
       obj_description(w.oid, 'pg_foreign_data_wrapper') AS comment
FROM pg_foreign_data_wrapper w
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_foreign_data_wrapper'::regclass AND d.objid = w.oid AND d.deptype = 'e')
ORDER BY 1;

-- name: foreign_servers
SELECT s.srvname AS name, w.fdwname AS wrapper,
       concat_ws(' ', 'TYPE ' || quote_literal(s.srvtype), 'VERSION ' || quote_literal(s.srvversion),
                 'OPTIONS (' || (SELECT string_agg(o, ', ' ORDER BY o) FROM unnest(s.srvoptions) AS o) || ')') AS definition,
       pg_get_userbyid(s.srvowner) AS owner,
       obj_description(s.oid, 'pg_foreign_server') AS comment
FROM pg_foreign_server s
JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw
WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_foreign_server'::regclass AND d.objid = s.oid AND d.deptype = 'e')
ORDER BY 1;

-- name: default_privileges
-- ALTER DEFAULT PRIVILEGES, one row per (role, schema, kind, grantee). A role-wide entry
-- (no schema) holds the whole ACL future objects get, owner included: a REVOKE shows as the
-- grantee's row being absent.
SELECT pg_get_userbyid(d.defaclrole) AS role, n.nspname AS schema,
       CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'
                            WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' ELSE d.defaclobjtype::text END AS object_type,
       CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END AS grantee,
       array_agg(x.privilege_type || CASE WHEN x.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END
                 ORDER BY x.privilege_type || CASE WHEN x.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END) AS privileges
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
CROSS JOIN LATERAL aclexplode(d.defaclacl) AS x
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4;
