-- Catalog queries for tables, columns, constraints and indexes.
-- Each `-- name:` block is one query over the whole database (never per table), so
-- introspection stays a fixed number of round trips however many tables there are.
-- Conventions shared by every block:
--   * user schemas only: not pg_catalog, information_schema, pg_toast*, pg_temp*;
--   * objects that belong to an extension (pg_depend deptype 'e') are skipped;
--   * every definition is printed by Postgres (format_type, pg_get_*def, pg_get_expr);
--   * the caller runs these with search_path = pg_catalog, so every user object in a
--     printed definition is schema-qualified the same way on both sides of a comparison.

-- name: schemas
SELECT n.nspname AS name
FROM pg_namespace n
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
ORDER BY 1;

-- name: tables
SELECT n.nspname AS schema, c.relname AS name,
       CASE c.relkind WHEN 'p' THEN 'partitioned' ELSE 'table' END AS kind,
       c.relrowsecurity AS rls_enabled, c.relforcerowsecurity AS rls_forced,
       pg_get_userbyid(c.relowner) AS owner,
       obj_description(c.oid, 'pg_class') AS comment,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS partition_key,
       (SELECT pn.nspname || '.' || p.relname FROM pg_inherits i
          JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
        WHERE c.relispartition AND i.inhrelid = c.oid) AS partition_of,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS partition_bound,
       coalesce((SELECT array_agg(pn.nspname || '.' || p.relname ORDER BY i.inhseqno) FROM pg_inherits i
          JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
        WHERE NOT c.relispartition AND i.inhrelid = c.oid), '{}') AS inherits,
       CASE c.relpersistence WHEN 'u' THEN 'unlogged' ELSE 'permanent' END AS persistence,
       coalesce((SELECT array_agg(o ORDER BY o) FROM unnest(c.reloptions) AS o), '{}') AS options,
       (SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE i.indrelid = c.oid AND i.indisclustered LIMIT 1) AS cluster_on,
       CASE c.relreplident WHEN 'd' THEN 'DEFAULT' WHEN 'f' THEN 'FULL' WHEN 'n' THEN 'NOTHING'
         ELSE 'USING INDEX ' || coalesce((SELECT ic.relname FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                                          WHERE i.indrelid = c.oid AND i.indisreplident LIMIT 1), '?') END AS replica_identity,
       (SELECT s.srvname FROM pg_foreign_table ft JOIN pg_foreign_server s ON s.oid = ft.ftserver WHERE ft.ftrelid = c.oid) AS foreign_server,
       (SELECT coalesce(array_agg(o ORDER BY o), '{}') FROM pg_foreign_table ft, unnest(ft.ftoptions) AS o WHERE ft.ftrelid = c.oid) AS foreign_options
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2;

-- name: columns
-- Columns of tables, partitioned tables, views and materialized views (the caller routes
-- them). attgenerated: 's' stored, 'v' virtual (PG18); a plain default has attgenerated ''.
-- attstattarget: -1 (PG15/16) or NULL (PG17+) is the default; storage only when it is not the type's.
SELECT n.nspname AS schema, c.relname AS table,
       a.attname AS name,
       (row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum))::int AS position,
       format_type(a.atttypid, a.atttypmod) AS type,
       a.attnotnull AS not_null,
       CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END AS default,
       CASE a.attidentity WHEN 'a' THEN 'always' WHEN 'd' THEN 'by default' END AS identity,
       CASE a.attgenerated WHEN 's' THEN pg_get_expr(ad.adbin, ad.adrelid)
                           WHEN 'v' THEN pg_get_expr(ad.adbin, ad.adrelid) || ' VIRTUAL' END AS generated,
       CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation THEN
         CASE WHEN cn.nspname = 'pg_catalog' THEN co.collname ELSE cn.nspname || '.' || co.collname END
       END AS collation,
       col_description(c.oid, a.attnum) AS comment,
       CASE WHEN a.attstattarget >= 0 THEN a.attstattarget::int END AS statistics,
       CASE WHEN a.attstorage <> t.typstorage THEN
         CASE a.attstorage WHEN 'p' THEN 'plain' WHEN 'e' THEN 'external' WHEN 'x' THEN 'extended' WHEN 'm' THEN 'main' END
       END AS storage
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
LEFT JOIN pg_collation co ON co.oid = a.attcollation
LEFT JOIN pg_namespace cn ON cn.oid = co.collnamespace
WHERE a.attnum > 0 AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2, a.attnum;

-- name: constraints
-- Table constraints except NOT NULL: PostgreSQL 18 records NOT NULL as contype 'n', older
-- servers do not; nullability is Column.notNull, so canonical SQL and a PG15-era dump agree.
SELECT n.nspname AS schema, c.relname AS table, k.conname AS name,
       CASE k.contype WHEN 'p' THEN 'primary key' WHEN 'f' THEN 'foreign key' WHEN 'u' THEN 'unique'
                      WHEN 'c' THEN 'check' WHEN 'x' THEN 'exclude' END AS type,
       coalesce((SELECT array_agg(a.attname ORDER BY u.ord) FROM unnest(k.conkey) WITH ORDINALITY u(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.attnum), '{}') AS columns,
       pg_get_constraintdef(k.oid) AS definition,
       CASE WHEN k.contype = 'f' THEN rn.nspname || '.' || r.relname END AS ref_table,
       CASE WHEN k.contype = 'f' THEN
         (SELECT array_agg(a.attname ORDER BY u.ord) FROM unnest(k.confkey) WITH ORDINALITY u(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.attnum) END AS ref_columns,
       k.confdeltype AS on_delete, k.confupdtype AS on_update, k.confmatchtype AS match,
       k.condeferrable AS deferrable, k.condeferred AS initially_deferred, k.convalidated AS validated,
       obj_description(k.oid, 'pg_constraint') AS comment
FROM pg_constraint k
JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_class r ON r.oid = k.confrelid
LEFT JOIN pg_namespace rn ON rn.oid = r.relnamespace
WHERE k.contype IN ('p', 'f', 'u', 'c', 'x')
  AND c.relkind IN ('r', 'p')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3;

-- name: indexes
-- Keys come from indkey/indoption/indclass, one entry per key position; pg_get_indexdef(oid, k, true)
-- prints the column name or the expression. Positions beyond indnkeyatts are INCLUDE columns.
-- indoption bit 1 = DESC, bit 2 = NULLS FIRST. An operator class is reported only when it is
-- not the default for its input type. attached_to is the partitioned index an index on a partition
-- is attached to (ALTER INDEX … ATTACH PARTITION, or created through the parent); a partitioned
-- index with a partition left unattached stays invalid (indisvalid false).
SELECT n.nspname AS schema, t.relname AS table, ic.relname AS name,
       i.indisunique AS unique, i.indisprimary AS primary, am.amname AS method,
       (SELECT json_agg(json_build_object(
                 'expression', pg_get_indexdef(i.indexrelid, k.pos + 1, true),
                 'isColumn', i.indkey[k.pos] <> 0,
                 'descending', (i.indoption[k.pos] & 1) = 1,
                 'nullsFirst', (i.indoption[k.pos] & 2) = 2,
                 'opclass', CASE WHEN oc.opcdefault THEN NULL
                                 WHEN ocn.nspname = 'pg_catalog' THEN oc.opcname
                                 ELSE ocn.nspname || '.' || oc.opcname END) ORDER BY k.pos)
        FROM generate_series(0, i.indnkeyatts - 1) AS k(pos)
        LEFT JOIN pg_opclass oc ON oc.oid = i.indclass[k.pos]
        LEFT JOIN pg_namespace ocn ON ocn.oid = oc.opcnamespace) AS keys,
       coalesce((SELECT array_agg(a.attname ORDER BY k.pos)
        FROM generate_series(i.indnkeyatts, i.indnatts - 1) AS k(pos)
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.pos]), '{}') AS include,
       pg_get_expr(i.indpred, i.indrelid) AS predicate,
       i.indnullsnotdistinct AS nulls_not_distinct,
       pg_get_indexdef(i.indexrelid) AS definition,
       (SELECT k.conname FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
          AND k.contype IN ('p', 'u', 'x')) AS constraint,
       obj_description(ic.oid, 'pg_class') AS comment,
       (SELECT pn.nspname || '.' || pc.relname FROM pg_inherits h
          JOIN pg_class pc ON pc.oid = h.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace
         WHERE h.inhrelid = i.indexrelid) AS attached_to,
       i.indisvalid AS valid
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_am am ON am.oid = ic.relam
WHERE t.relkind IN ('r', 'p', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY 1, 2, 3;
