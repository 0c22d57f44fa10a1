/**
 * The catalog-driven row synthesiser: given a SchemaModel it inserts valid rows into any
 * table, as the superuser, in a scratch copy. It reads everything from the model:
 *
 * - foreign keys: a referenced row is reused (same tenant when the parent is tenant-scoped) or
 *   created first, recursively — so parents are always seeded before children, self-references
 *   point at the row itself, and a cycle through NOT NULL keys is reported, not looped on;
 *   nullable foreign keys stay NULL (which also breaks nullable cycles);
 * - NOT NULL columns without a default get a value; defaulted, identity and generated columns are
 *   left to Postgres — except volatile defaults (`gen_random_uuid()`, `now()`, …; see
 *   values.ts): those get a deterministic value instead (a UUID hashed from table, column, tenant
 *   and row number; a timestamp counted from a fixed epoch), so the same inputs give the same
 *   rows, SQL and reports on every run, in Node and in the browser;
 * - types (`format_type` text), enum labels and domain base types choose the value;
 * - CHECK constraints (IN-lists, ranges, lengths; see checks.ts) constrain it;
 * - a per-run sequence makes values distinct so UNIQUE keys do not collide;
 * - seed overrides (overrides.ts) supply what only the data owner knows (trigger invariants).
 *
 * When an insert fails it is retried guided by the error: a unique violation retries with new
 * values, a CHECK / trigger / NOT NULL error retries with every nullable column filled too.
 */
import type { Db } from '../db';
import { pgErrorFields } from '../db';
import type { Column, Constraint, SchemaModel, Table } from '../model';
import { emptyRules, rulesFor } from './checks';
import { emptyOverrides, type SeedOverrides } from './overrides';
import { quoteIdent, quoteLiteral, quoteQName } from '../pgtext';
import { generateValue, isVolatileDefault, pinnedTime, stableUuid, UnsupportedType, type TypeInfo } from './values';

/** A row the synthesiser could not produce: why, and the SQL/error that showed it. */
export class SynthError extends Error {
  readonly sql: string | null;
  readonly code: string | null;
  constructor(message: string, sql: string | null = null, code: string | null = null, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SynthError';
    this.sql = sql;
    this.code = code;
  }
}

/** Column name → SQL literal (`'abc'`, `NULL`). */
export type RowValues = Record<string, string>;

export interface PlannedRow {
  table: Table;
  values: RowValues;
  /** The INSERT statement for these values. */
  sql: string;
}

export interface InsertedRow extends PlannedRow {
  /** Every column of the inserted row as text (defaults filled in), null for SQL NULL. */
  returned: Record<string, string | null>;
}

export interface SynthOptions {
  /** Tenancy column (e.g. `tenant_id`); a referenced tenant-scoped parent is taken from the same tenant. */
  tenancyColumn: string | null;
  overrides?: SeedOverrides;
}

/**
 * A principal's world (rls/worlds.ts): while set, every row the synthesiser writes belongs to
 * it — identity columns get the principal's value, and a foreign key is satisfied only by a row
 * of the same world (found among the rows it already holds, else created in it), never by a row
 * of another world.
 */
export interface World {
  /** `a` / `b`: part of the deterministic keys of volatile defaults. */
  key: string;
  /** Columns fixed in this world for a table (identity columns → the principal's literal). */
  fixed(qname: string): RowValues;
  /** Rows written in this world, per table (values as text). */
  rows: Map<string, Record<string, string | null>[]>;
}

export interface InsertOptions {
  /** Create new rows for directly referenced parents instead of reusing existing ones. */
  freshParents?: boolean;
  /** Insert, check it worked, then roll back to a savepoint (needs an open transaction). */
  validateOnly?: boolean;
}

const MAX_ATTEMPTS = 3;

export class RowSynth {
  private seq = 1;
  /** Rows planned so far per table (attempts included): the row number in volatile-default keys. */
  private readonly planned = new Map<string, number>();
  private readonly tables = new Map<string, Table>();
  private readonly overrides: SeedOverrides;
  /** Set while the caller holds an open transaction: failed attempts roll back to a savepoint. */
  inTransaction = false;
  /** The world rows are written in (null: the tenancy-column behaviour of SynthOptions). */
  world: World | null = null;
  private savepoints = 0;

  constructor(private readonly db: Db, private readonly model: SchemaModel, private readonly opts: SynthOptions) {
    for (const t of model.tables) this.tables.set(`${t.schema}.${t.name}`, t);
    this.overrides = opts.overrides ?? emptyOverrides();
  }

  /** Tables `t` references by foreign key (`schema.table`). */
  parentsOf(t: Table): string[] {
    return this.model.constraints.filter((c) => c.schema === t.schema && c.table === t.name && c.type === 'foreign key' && c.foreignKey).map((c) => c.foreignKey!.refTable);
  }

  /** Foreign keys of `qname`: its columns and the referenced table/columns. */
  foreignKeysOf(qname: string): { columns: string[]; refTable: string; refColumns: string[] }[] {
    const t = this.tables.get(qname);
    if (!t) return [];
    return this.model.constraints.filter((c) => c.schema === t.schema && c.table === t.name && c.type === 'foreign key' && c.foreignKey)
      .map((c) => ({ columns: c.columns, refTable: c.foreignKey!.refTable, refColumns: c.foreignKey!.refColumns }));
  }

  /** Tables (`schema.table`) with an enabled INSERT trigger: writing a row there may write rows elsewhere. */
  insertTriggerTables(): Set<string> {
    return new Set(this.model.triggers.filter((t) => t.enabled !== 'D' && t.events.includes('INSERT')).map((t) => `${t.schema}.${t.table}`));
  }

  /** The seed overrides this synthesiser applies (for a second synthesiser over the same schema). */
  get overridesUsed(): SeedOverrides {
    return this.overrides;
  }

  /** The default expression of `qname`.`column` (`pg_get_expr` text), or null. */
  columnDefault(qname: string, column: string): string | null {
    return this.tables.get(qname)?.columns.find((c) => c.name === column)?.default ?? null;
  }

  table(qname: string): Table {
    const t = this.tables.get(qname);
    if (!t) throw new SynthError(`table ${qname} does not exist`);
    return t;
  }

  /** Insert one row into `qname` with `fixed` column literals; parents are found or created. */
  async insert(qname: string, fixed: RowValues = {}, options: InsertOptions = {}): Promise<InsertedRow> {
    return this.insertInner(qname, fixed, options, []);
  }

  private async insertInner(qname: string, fixed: RowValues, options: InsertOptions, stack: string[]): Promise<InsertedRow> {
    const table = this.table(qname);
    if (options.validateOnly && !this.inTransaction) throw new Error('validateOnly needs an open transaction (set inTransaction)');
    let fillNullable = false;
    let last: SynthError | null = null;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const plan = await this.planInner(table, fixed, { freshParents: options.freshParents ?? false, fillNullable }, stack);
      const returning = table.columns.filter((c) => !isHidden(c)).map((c) => `(r.${quoteIdent(c.name)})::text AS ${quoteIdent(c.name)}`).join(', ');
      const sql = `${insertSql(table, plan.values, 'r')} RETURNING ${returning || '1'}`;
      const sp = this.inTransaction ? `skeldir_synth_${++this.savepoints}` : null;
      if (sp) await this.db.query(`SAVEPOINT ${sp}`);
      try {
        const res = await this.db.query<Record<string, string | null>>(sql);
        if (sp) await this.db.query(options.validateOnly ? `ROLLBACK TO SAVEPOINT ${sp}` : `RELEASE SAVEPOINT ${sp}`);
        const returned = res.rows[0] ?? {};
        if (this.world && !options.validateOnly) {
          const list = this.world.rows.get(qname) ?? [];
          list.push(returned);
          this.world.rows.set(qname, list);
        }
        return { ...plan, returned };
      } catch (err) {
        if (sp) await this.db.query(`ROLLBACK TO SAVEPOINT ${sp}`);
        const f = pgErrorFields(err);
        last = new SynthError(`insert into ${qname} failed: ${f.message}${f.detail ? ` (${f.detail})` : ''}`, plan.sql, f.code ?? null, { cause: err });
        if (f.code === '23505') continue; // unique violation: the next attempt draws new values
        if (!fillNullable && ['23514', '23502', 'P0001', '23P01', '22P02', '22003', '22001'].includes(f.code ?? '')) {
          fillNullable = true;
          continue;
        }
        break;
      }
    }
    throw last ?? new SynthError(`insert into ${qname} failed`);
  }

  /** Plan a row without inserting it (parents it needs are found or inserted). */
  async plan(qname: string, fixed: RowValues = {}, options: { freshParents?: boolean; fillNullable?: boolean } = {}): Promise<PlannedRow> {
    return this.planInner(this.table(qname), fixed, { freshParents: options.freshParents ?? false, fillNullable: options.fillNullable ?? false }, []);
  }

  private async planInner(table: Table, fixed: RowValues, o: { freshParents: boolean; fillNullable: boolean }, stack: string[]): Promise<PlannedRow> {
    const qname = `${table.schema}.${table.name}`;
    const row = { no: (this.planned.get(qname) ?? 0) + 1, instant: null as number | null };
    this.planned.set(qname, row.no);
    const worldFixed = this.world ? this.world.fixed(qname) : {};
    const values: RowValues = { ...worldFixed, ...fixed };
    const override = this.overrides.tables[qname]?.values ?? {};
    const byName = new Map(table.columns.map((c) => [c.name, c]));
    for (const k of Object.keys(fixed)) if (!byName.has(k)) throw new SynthError(`column ${qname}.${k} does not exist`);
    const fks = this.model.constraints.filter((c) => c.schema === table.schema && c.table === table.name && c.type === 'foreign key' && c.foreignKey);
    const fkCols = new Set(fks.flatMap((c) => c.columns));

    // Foreign keys first: their values come from parent rows.
    for (const fk of fks) {
      const ref = fk.foreignKey!;
      if (fk.columns.some((c) => c in override && !(c in values))) continue;
      const given = fk.columns.every((c) => c in values);
      // A tenant key the caller fixed still needs its tenant row to exist (created on demand);
      // any other key the caller fixed is taken as is — a test may mean it to dangle.
      const tenantKey = this.world
        ? fk.columns.some((c) => c in worldFixed)
        : this.opts.tenancyColumn !== null && fk.columns.includes(this.opts.tenancyColumn);
      if (given && !tenantKey) continue;
      const required = given || fk.columns.some((c) => byName.get(c)?.notNull && byName.get(c)?.default === null);
      if (!required && !o.fillNullable) continue;
      if (ref.refTable === qname) {
        // Self-reference: point at this very row (its key gets a value now if it had none).
        if (given) continue;
        fk.columns.forEach((c, i) => {
          const rc = ref.refColumns[i];
          if (!(rc in values)) values[rc] = this.value(table, byName.get(rc)!);
          values[c] = values[rc];
        });
        continue;
      }
      const parent = this.tables.get(ref.refTable);
      if (!parent) throw new SynthError(`${qname} references ${ref.refTable}, which does not exist`);
      const parentFixed: RowValues = {};
      fk.columns.forEach((c, i) => { if (c in values) parentFixed[ref.refColumns[i]] = values[c]; });
      const tc = this.opts.tenancyColumn;
      if (tc && tc in values && parent.columns.some((c) => c.name === tc) && !(tc in parentFixed)) parentFixed[tc] = values[tc];
      const fullyKeyed = ref.refColumns.every((c) => c in parentFixed);
      let found: Record<string, string | null> | null = null;
      if (this.world) {
        if (!o.freshParents || fullyKeyed) found = this.worldRow(ref.refTable, { ...this.world.fixed(ref.refTable), ...parentFixed });
      } else if (!o.freshParents || fullyKeyed) found = await this.findRow(parent, parentFixed, ref.refColumns);
      if (!found) {
        if (!required && o.fillNullable) continue; // optional reference: only reuse, never create
        if (stack.includes(ref.refTable)) {
          throw new SynthError(`cannot seed ${qname}: NOT NULL foreign keys form a cycle (${[...stack, qname, ref.refTable].join(' → ')})`);
        }
        const inserted = await this.insertInner(ref.refTable, parentFixed, {}, [...stack, qname]);
        found = inserted.returned;
      }
      fk.columns.forEach((c, i) => { values[c] = quoteLiteral(found![ref.refColumns[i]] ?? null); });
    }

    // Plain columns.
    for (const col of table.columns) {
      if (col.name in values || col.name in override || isHidden(col) || col.identity !== null) continue;
      if (fkCols.has(col.name)) continue;
      const needed = col.notNull && col.default === null;
      const optional = !col.notNull && col.default === null && o.fillNullable;
      const volatile = isVolatileDefault(col.default);
      if (!needed && !optional && !volatile) continue;
      try {
        values[col.name] = volatile ? this.pinnedValue(table, col, values, row) : this.value(table, col);
      } catch (err) {
        if (err instanceof UnsupportedType && !needed) continue;
        throw new SynthError(`cannot seed ${qname}.${col.name}: ${(err as Error).message}`, null, null, { cause: err });
      }
    }

    // Overrides last: `{col}` may refer to any value chosen above.
    for (const [col, ov] of Object.entries(override)) {
      if (col in fixed) continue;
      if (!byName.has(col)) throw new SynthError(`seed override names column ${qname}.${col}, which does not exist`);
      if ('literal' in ov) { values[col] = quoteLiteral(ov.literal); continue; }
      const expr = ov.sql.replace(/\{([A-Za-z_][A-Za-z0-9_$]*)\}/g, (_, c: string) => values[c] ?? 'NULL');
      const q = `SELECT (${expr})::text AS v`;
      try {
        const r = await this.db.query<{ v: string | null }>(q);
        values[col] = quoteLiteral(r.rows[0]?.v ?? null);
      } catch (err) {
        throw new SynthError(`seed override for ${qname}.${col} failed: ${pgErrorFields(err).message}`, q, pgErrorFields(err).code ?? null, { cause: err });
      }
    }

    return { table, values, sql: insertSql(table, values) };
  }

  /** A row of the current world in `qname` whose columns equal the literals in `match`. */
  private worldRow(qname: string, match: RowValues): Record<string, string | null> | null {
    const rows = this.world?.rows.get(qname) ?? [];
    return rows.find((r) => Object.entries(match).every(([c, lit]) => c in r && quoteLiteral(r[c]) === lit)) ?? null;
  }

  /** An existing row of `table` matching `fixed`, its `columns` as text; null when none. */
  private async findRow(table: Table, fixed: RowValues, columns: string[]): Promise<Record<string, string | null> | null> {
    const where = Object.entries(fixed).map(([c, v]) => `${quoteIdent(c)} = ${v}`);
    const sql = `SELECT ${columns.map((c) => `(${quoteIdent(c)})::text AS ${quoteIdent(c)}`).join(', ')} FROM ${quoteQName(table.schema, table.name)}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} LIMIT 1`;
    const r = await this.db.query<Record<string, string | null>>(sql);
    return r.rows[0] ?? null;
  }

  /** A fresh value for one column. */
  value(table: Table, col: Column): string {
    const checks = this.checksOf(table);
    const info = this.typeInfo(col.type);
    const rules = info.domainChecks ? mergeRules(rulesFor(col.name, checks), rulesFor('VALUE', info.domainChecks)) : rulesFor(col.name, checks);
    return generateValue(col.type, rules, this.seq++, info);
  }

  /**
   * The value a volatile default would have produced, made reproducible: a uuid column gets a
   * UUID hashed from table, column, tenant and row number (stable even when other tables' rows
   * change); every date/time column of one row gets the same instant, counted from SYNTH_EPOCH
   * (as `now()` is the same within a transaction, so `updated_at >= created_at` still holds);
   * anything else a generated value.
   */
  private pinnedValue(table: Table, col: Column, values: RowValues, row: { no: number; instant: number | null }): string {
    const type = col.type.trim().toLowerCase();
    if (type === 'uuid') {
      const tc = this.opts.tenancyColumn;
      const tenant = this.world ? this.world.key : tc && tc in values ? values[tc] : '';
      return quoteLiteral(stableUuid(`${table.schema}.${table.name}.${col.name}|${tenant}|${row.no}`));
    }
    row.instant ??= this.seq++;
    return pinnedTime(type, row.instant) ?? this.value(table, col);
  }

  private checkCache = new Map<Table, string[]>();
  private checksOf(table: Table): string[] {
    let defs = this.checkCache.get(table);
    if (!defs) {
      defs = this.model.constraints
        .filter((c: Constraint) => c.schema === table.schema && c.table === table.name && c.type === 'check')
        .map((c) => c.definition);
      this.checkCache.set(table, defs);
    }
    return defs;
  }

  private typeInfo(type: string): TypeInfo & { domainChecks?: string[] } {
    const bare = type.replace(/\[\]$/, '');
    const t = this.model.types.find((x) => bare === x.name || bare === `${x.schema}.${x.name}` || bare === `${quoteIdent(x.schema)}.${quoteIdent(x.name)}` || bare === `"${x.name}"`);
    if (!t || type.endsWith('[]')) return {};
    if (t.kind === 'enum') return { enumLabels: t.labels };
    if (t.kind === 'domain') {
      const base = t.definition.split(/\s+(?:CHECK|NOT NULL|DEFAULT|COLLATE|CONSTRAINT)\b/)[0].trim();
      const domainChecks = [...t.definition.matchAll(/CHECK\s*\(.*?\)(?=\s*(?:CHECK|NOT NULL|DEFAULT|CONSTRAINT|$))/g)].map((m) => m[0]);
      return { domainBase: base, domainChecks: domainChecks.length ? domainChecks : [t.definition] };
    }
    return {};
  }
}

/**
 * `INSERT INTO t [AS alias] (cols) [OVERRIDING SYSTEM VALUE] VALUES (…)`. Identifiers are quoted
 * as needed (a table named `order lines` or `a"b` works); OVERRIDING SYSTEM VALUE is added when
 * a value is given for a GENERATED ALWAYS identity column (otherwise Postgres rejects it, 428C9).
 */
export function insertSql(table: Table, values: RowValues, alias?: string): string {
  const cols = Object.keys(values);
  const target = `${quoteQName(table.schema, table.name)}${alias ? ` AS ${quoteIdent(alias)}` : ''}`;
  if (!cols.length) return `INSERT INTO ${target} DEFAULT VALUES`;
  const overriding = cols.some((c) => table.columns.find((x) => x.name === c)?.identity === 'always') ? ' OVERRIDING SYSTEM VALUE' : '';
  return `INSERT INTO ${target} (${cols.map(quoteIdent).join(', ')})${overriding} VALUES (${cols.map((c) => values[c]).join(', ')})`;
}

function isHidden(c: Column): boolean {
  return c.generated !== null;
}

function mergeRules(a: ReturnType<typeof emptyRules>, b: ReturnType<typeof emptyRules>) {
  return {
    allowed: a.allowed ?? b.allowed,
    min: a.min ?? b.min,
    max: a.max ?? b.max,
    minLength: a.minLength ?? b.minLength,
    maxLength: a.maxLength ?? b.maxLength,
    patterns: [...a.patterns, ...b.patterns],
  };
}
