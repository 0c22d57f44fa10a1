-- Catalog queries for views, materialized views, sequences, types and extensions.
-- Same conventions as relations.sql.

-- name: views
SELECT n.nspname AS schema, c.relname AS name, c.relkind = 'm' AS materialized,
       pg_get_viewdef(c.oid, true) AS definition,
       pg_get_userbyid(c.relowner) AS owner,
       obj_description(c.oid, 'pg_class') AS comment,
       coalesce((SELECT array_agg(o ORDER BY o) FROM unnest(c.reloptions) AS o), '{}') AS options
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2;

-- name: sequences
-- ownedBy: the column a serial/identity sequence belongs to (pg_depend deptype 'a' or 'i').
SELECT n.nspname AS schema, c.relname AS name,
       format_type(s.seqtypid, NULL) AS data_type,
       s.seqstart::text AS start, s.seqincrement::text AS increment,
       s.seqmin::text AS min, s.seqmax::text AS max, s.seqcycle AS cycle,
       s.seqcache::text AS cache,
       EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i') AS identity,
       pg_get_userbyid(c.relowner) AS owner,
       obj_description(c.oid, 'pg_class') AS comment,
       (SELECT tn.nspname || '.' || tc.relname || '.' || a.attname
          FROM pg_depend d
          JOIN pg_class tc ON tc.oid = d.refobjid
          JOIN pg_namespace tn ON tn.oid = tc.relnamespace
          JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
         WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
           AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
         LIMIT 1) AS owned_by
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2;

-- name: types
-- Enums, domains, stand-alone composite types and ranges (not table row types, arrays or
-- the multiranges Postgres creates with each range). Domain NOT NULL is typnotnull; PG17+
-- also records it as a contype 'n' constraint, which is skipped so every server agrees.
SELECT n.nspname AS schema, t.typname AS name,
       CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'c' THEN 'composite' ELSE 'range' END AS kind,
       coalesce((SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid), '{}') AS labels,
       CASE t.typtype
         WHEN 'e' THEN 'ENUM (' || coalesce((SELECT string_agg(quote_literal(e.enumlabel::text), ', ' ORDER BY e.enumsortorder)
                                           FROM pg_enum e WHERE e.enumtypid = t.oid), '') || ')'
         WHEN 'd' THEN format_type(t.typbasetype, t.typtypmod)
           || CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation
                   THEN ' COLLATE ' || (SELECT quote_ident(co.collname) FROM pg_collation co WHERE co.oid = t.typcollation) ELSE '' END
           || coalesce(' DEFAULT ' || t.typdefault, '')
           || CASE WHEN t.typnotnull THEN ' NOT NULL' ELSE '' END
           || coalesce((SELECT string_agg(' CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid), '' ORDER BY k.conname)
                        FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype <> 'n'), '')
         WHEN 'c' THEN '(' || coalesce((SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                                       FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped), '') || ')'
         ELSE (SELECT 'SUBTYPE = ' || format_type(r.rngsubtype, NULL) FROM pg_range r WHERE r.rngtypid = t.oid)
       END AS definition,
       obj_description(t.oid, 'pg_type') AS comment,
       pg_get_userbyid(t.typowner) AS owner,
       (SELECT json_object_agg(k.conname, obj_description(k.oid, 'pg_constraint') ORDER BY k.conname)::text
          FROM pg_constraint k WHERE k.contypid = t.oid AND obj_description(k.oid, 'pg_constraint') IS NOT NULL) AS constraint_comments
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
LEFT JOIN pg_type bt ON bt.oid = t.typbasetype
WHERE (t.typtype IN ('e', 'd', 'r')
       OR (t.typtype = 'c' AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = t.typrelid AND c.relkind = 'c')))
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY 1, 2;

-- name: extensions
SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version, obj_description(e.oid, 'pg_extension') AS comment
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
ORDER BY 1;
