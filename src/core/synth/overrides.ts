/**
 * Per-table seed overrides (`schema/seeds/*.yaml`): data for what the catalog cannot tell the
 * synthesiser, e.g. that an allocation must carry its event's revenue because a trigger checks
 * the sum. Format (documented in schema/seeds/README.md):
 *
 *   tables:
 *     public.attribution_allocations:
 *       values:
 *         model_version: v1                      # a literal (string/number/bool/null)
 *         allocated_revenue_cents:
 *           sql: SELECT revenue_cents FROM public.attribution_events WHERE id = {event_id}
 *
 * `sql` is evaluated as the superuser in the scratch copy just before the row is inserted;
 * `{column}` is replaced by that column's value in the same row (as a quoted literal).
 */
import type { QName } from '../model';
import { loadLocatedYaml } from '../yaml/located';

export type OverrideValue = { literal: string | null } | { sql: string };

export interface TableOverride {
  values: Record<string, OverrideValue>;
}

export interface SeedOverrides {
  tables: Record<QName, TableOverride>;
}

export function emptyOverrides(): SeedOverrides {
  return { tables: {} };
}

/** Parse one overrides file. Throws InputError (with line/column) on bad input. */
export function parseSeedOverrides(yaml: string, source: string): SeedOverrides {
  const doc = loadLocatedYaml(yaml, source);
  const root = doc.value;
  if (root === null || root === undefined) return emptyOverrides();
  if (!isMap(root)) throw doc.error('seed overrides must be a mapping with a `tables` key', []);
  for (const k of Object.keys(root)) if (k !== 'tables') throw doc.error(`unknown key \`${k}\` (expected \`tables\`)`, [k]);
  const tables = root.tables ?? {};
  if (!isMap(tables)) throw doc.error('`tables` must map schema-qualified table names to overrides', ['tables']);
  const out: SeedOverrides = { tables: {} };
  for (const [table, spec] of Object.entries(tables)) {
    const at = ['tables', table];
    if (!/^[^.\s]+\.[^.\s]+$/.test(table)) throw doc.error(`table \`${table}\` must be schema-qualified, e.g. public.${table}`, at);
    if (!isMap(spec)) throw doc.error(`override for ${table} must be a mapping with \`values\``, at);
    for (const k of Object.keys(spec)) if (k !== 'values') throw doc.error(`unknown key \`${k}\` in ${table} (expected \`values\`)`, [...at, k]);
    const values = spec.values ?? {};
    if (!isMap(values)) throw doc.error('`values` must map column names to a literal or `{ sql: … }`', [...at, 'values']);
    const parsed: Record<string, OverrideValue> = {};
    for (const [col, v] of Object.entries(values)) {
      const vat = [...at, 'values', col];
      if (v === null) parsed[col] = { literal: null };
      else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') parsed[col] = { literal: String(v) };
      else if (isMap(v) && typeof v.sql === 'string' && Object.keys(v).length === 1) parsed[col] = { sql: v.sql };
      else throw doc.error(`value for ${table}.${col} must be a literal or \`{ sql: "…" }\``, vat);
    }
    out.tables[table] = { values: parsed };
  }
  return out;
}

/** Later files win per column. */
export function mergeOverrides(...all: SeedOverrides[]): SeedOverrides {
  const out = emptyOverrides();
  for (const o of all) {
    for (const [t, spec] of Object.entries(o.tables)) {
      out.tables[t] = { values: { ...(out.tables[t]?.values ?? {}), ...spec.values } };
    }
  }
  return out;
}

function isMap(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
