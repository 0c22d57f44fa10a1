-- Catalog reads the fixer needs beyond the SchemaModel. Same conventions as
-- introspect/queries/*.sql: user schemas only, run with search_path = pg_catalog so names in
-- printed text are schema-qualified. Keys are the fixer's object keys (`kind:qualified name`).

-- name: dependencies
-- Every NORMAL dependency (pg_depend deptype 'n') between user objects: what blocks a DROP or
-- an ALTER COLUMN … TYPE. Automatic ('a') and internal ('i') ones go with their owner (an index
-- with its table, a view's rewrite rule with the view) and are not listed. A view depends on
-- things through its _RETURN rule; a column default through its pg_attrdef row; an array type
-- stands for its element type.
WITH rel AS (
  SELECT c.oid, c.relkind, n.nspname AS schema, c.relname AS name
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
    AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
),
objs AS (
  SELECT 'pg_class'::regclass::oid AS classid, r.oid AS objid, 0 AS subid,
         CASE WHEN r.relkind IN ('r', 'p') THEN 'table:' WHEN r.relkind IN ('v', 'm') THEN 'view:' WHEN r.relkind = 'S' THEN 'sequence:' END
           || r.schema || '.' || r.name AS key
  FROM rel r WHERE r.relkind IN ('r', 'p', 'v', 'm', 'S')
  UNION ALL
  SELECT 'pg_class'::regclass::oid, r.oid, a.attnum,
         CASE WHEN r.relkind IN ('r', 'p') THEN 'column:' || r.schema || '.' || r.name || '.' || a.attname
              ELSE 'view:' || r.schema || '.' || r.name END
  FROM rel r JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE r.relkind IN ('r', 'p', 'v', 'm')
  UNION ALL
  SELECT 'pg_class'::regclass::oid, r.oid, 0, 'index:' || t.schema || '.' || t.name || '.' || r.name
  FROM rel r JOIN pg_index i ON i.indexrelid = r.oid JOIN rel t ON t.oid = i.indrelid
  UNION ALL
  SELECT 'pg_rewrite'::regclass::oid, w.oid, 0, 'view:' || r.schema || '.' || r.name
  FROM pg_rewrite w JOIN rel r ON r.oid = w.ev_class AND r.relkind IN ('v', 'm')
  UNION ALL
  SELECT 'pg_constraint'::regclass::oid, k.oid, 0,
         CASE WHEN k.conrelid <> 0 THEN 'constraint:' || r.schema || '.' || r.name || '.' || k.conname
              ELSE 'type:' || tn.nspname || '.' || ty.typname END
  FROM pg_constraint k
  LEFT JOIN rel r ON r.oid = k.conrelid
  LEFT JOIN pg_type ty ON ty.oid = k.contypid
  LEFT JOIN pg_namespace tn ON tn.oid = ty.typnamespace
  WHERE (k.conrelid <> 0 AND r.oid IS NOT NULL) OR (k.contypid <> 0 AND tn.nspname NOT IN ('pg_catalog', 'information_schema'))
  UNION ALL
  SELECT 'pg_policy'::regclass::oid, p.oid, 0, 'policy:' || r.schema || '.' || r.name || '.' || p.polname
  FROM pg_policy p JOIN rel r ON r.oid = p.polrelid
  UNION ALL
  SELECT 'pg_trigger'::regclass::oid, t.oid, 0, 'trigger:' || r.schema || '.' || r.name || '.' || t.tgname
  FROM pg_trigger t JOIN rel r ON r.oid = t.tgrelid WHERE NOT t.tgisinternal
  UNION ALL
  SELECT 'pg_proc'::regclass::oid, p.oid, 0, 'function:' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
  UNION ALL
  SELECT 'pg_type'::regclass::oid, t.oid, 0, 'type:' || n.nspname || '.' || coalesce(e.typname, t.typname)
  FROM pg_type t
  LEFT JOIN pg_type e ON e.oid = t.typelem AND t.typcategory = 'A'
  JOIN pg_namespace n ON n.oid = coalesce(e.typnamespace, t.typnamespace)
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%' AND n.nspname NOT LIKE 'pg\_temp%'
    AND (coalesce(e.typtype, t.typtype) IN ('e', 'd', 'r')
         OR (coalesce(e.typtype, t.typtype) = 'c' AND EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = coalesce(e.typrelid, t.typrelid) AND c.relkind = 'c')))
  UNION ALL
  SELECT 'pg_attrdef'::regclass::oid, d.oid, 0, 'default:' || r.schema || '.' || r.name || '.' || a.attname
  FROM pg_attrdef d JOIN rel r ON r.oid = d.adrelid JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
)
SELECT DISTINCT a.key AS dependent, b.key AS referenced
FROM pg_depend d
JOIN objs a ON a.classid = d.classid AND a.objid = d.objid AND a.subid = d.objsubid
JOIN objs b ON b.classid = d.refclassid AND b.objid = d.refobjid AND b.subid = d.refobjsubid
WHERE d.deptype = 'n' AND a.key <> b.key
ORDER BY 1, 2;

-- name: partitions
-- Partition bounds as Postgres prints them, e.g. `FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`.
SELECT n.nspname AS schema, c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relispartition AND c.relkind IN ('r', 'p')
ORDER BY 1, 2;

-- name: inherited
-- Objects a partition gets from its partitioned parent (Postgres creates, attaches and drops
-- them with the parent's): never created or dropped on the partition itself.
SELECT 'index:' || n.nspname || '.' || t.relname || '.' || ic.relname AS key
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE ic.relispartition
UNION ALL
SELECT 'constraint:' || n.nspname || '.' || c.relname || '.' || k.conname
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE k.conparentid <> 0 OR (NOT k.conislocal AND c.relispartition)
UNION ALL
SELECT 'trigger:' || n.nspname || '.' || c.relname || '.' || t.tgname
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE t.tgparentid <> 0
UNION ALL
-- Functions a type made for itself (range and multirange constructors): they come and go with it.
SELECT 'function:' || n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')'
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                AND d.refclassid = 'pg_type'::regclass AND d.deptype = 'i')
ORDER BY 1;
