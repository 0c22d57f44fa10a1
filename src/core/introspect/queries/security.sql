-- Catalog queries for row-level security policies, privileges and roles.
-- Same conventions as relations.sql (user schemas only, no extension members,
-- Postgres prints every expression, one query per kind for the whole database).

-- name: policies
-- polcmd: '*' ALL, r SELECT, a INSERT, w UPDATE, d DELETE. polroles {0} means PUBLIC.
SELECT n.nspname AS schema, c.relname AS table, p.polname AS name,
       CASE p.polcmd WHEN '*' THEN 'ALL' WHEN 'r' THEN 'SELECT' WHEN 'a' THEN 'INSERT'
                     WHEN 'w' THEN 'UPDATE' WHEN 'd' THEN 'DELETE' END AS command,
       p.polpermissive AS permissive,
       (SELECT array_agg(CASE WHEN r.oid = 0 THEN 'public' ELSE pg_get_userbyid(r.oid) END ORDER BY 1)
          FROM unnest(p.polroles) AS r(oid)) AS roles,
       pg_get_expr(p.polqual, p.polrelid) AS using,
       pg_get_expr(p.polwithcheck, p.polrelid) AS with_check,
       obj_description(p.oid, 'pg_policy') AS comment
FROM pg_policy p
JOIN pg_class c ON c.oid = p.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3;

-- name: privileges
-- One row per object and grantee. A NULL ACL means "the defaults for this kind of object"
-- (acldefault: only the owner for relations and schemas, owner + PUBLIC EXECUTE for
-- functions), so it is expanded first: a GRANT makes the defaults explicit in the ACL and
-- must not look like a change. The owner's own entry is left out: ownership is dump noise
-- (OWNER TO, --no-owner), and an owner holds every privilege implicitly anyway.
WITH objs AS (
  SELECT n.nspname || '.' || c.relname AS object,
         CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                        WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' ELSE 'table' END AS object_type,
         c.relowner AS owner,
         coalesce(c.relacl, acldefault((CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END)::"char", c.relowner)) AS acl
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
  UNION ALL
  -- Column-level GRANTs (GRANT SELECT (col) ON t): a NULL column ACL means none beyond the table's.
  SELECT n.nspname || '.' || c.relname || '.' || a.attname, 'column', c.relowner, a.attacl
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped
    AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
  UNION ALL
  SELECT n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
         'function', p.proowner, coalesce(p.proacl, acldefault('f'::"char", p.proowner))
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  UNION ALL
  SELECT n.nspname, 'schema', n.nspowner, coalesce(n.nspacl, acldefault('n'::"char", n.nspowner))
  FROM pg_namespace n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
)
SELECT o.object, o.object_type,
       CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(x.grantee) END AS grantee,
       array_agg(DISTINCT x.privilege_type ORDER BY x.privilege_type) AS privileges,
       coalesce(array_agg(DISTINCT x.privilege_type ORDER BY x.privilege_type) FILTER (WHERE x.is_grantable), '{}') AS grantable
FROM objs o, LATERAL aclexplode(o.acl) x
WHERE x.grantee <> o.owner
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;

-- name: roles
-- Roles that matter to the schema: owners, grantees and policy targets. System roles
-- (the bootstrap superuser and predefined pg_* roles, oid < 16384) are never listed.
WITH referenced AS (
  SELECT c.relowner AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
  UNION SELECT p.proowner FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
  UNION SELECT n.nspowner FROM pg_namespace n
  UNION SELECT t.typowner FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
  UNION SELECT unnest(p.polroles) FROM pg_policy p
  UNION SELECT (aclexplode(c.relacl)).grantee FROM pg_class c WHERE c.relacl IS NOT NULL
  UNION SELECT (aclexplode(p.proacl)).grantee FROM pg_proc p WHERE p.proacl IS NOT NULL
  UNION SELECT (aclexplode(n.nspacl)).grantee FROM pg_namespace n WHERE n.nspacl IS NOT NULL
)
SELECT r.rolname AS name, r.rolsuper AS superuser, r.rolcanlogin AS login,
       r.rolbypassrls AS bypass_rls, r.rolinherit AS inherit
FROM pg_roles r
WHERE r.oid IN (SELECT oid FROM referenced) AND r.oid >= 16384
ORDER BY 1;
