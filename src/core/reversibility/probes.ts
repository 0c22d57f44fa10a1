/**
 * Behaviour probes (seed 004 §6 step 5, the SCHEMA-DRIFT-002 case): after the downgrade, an
 * insert the base rejected must be rejected again. Probes are derived from what the up/down pair
 * touches: CHECK constraints (a value outside the base's IN-list or range, preferably one the
 * upgrade newly allows, e.g. `remediation_status = 'ignored'`), NOT NULL columns (NULL), unique
 * keys (a duplicate) and enum types (a label the upgrade added). Rows are built by the catalog
 * synthesiser (synth/), so foreign-key parents exist. Every probe has its control in the same
 * transaction: a valid row for the same table must be accepted first, or the probe is
 * inconclusive. Everything runs inside a transaction that is rolled back.
 */
import type { Db } from '../db';
import type { Column, SchemaModel, Table } from '../model';
import { rulesFor } from '../synth/checks';
import { quoteLiteral } from '../pgtext';
import { RowSynth, SynthError, type RowValues } from '../synth/synth';
import type { Probe, ProbeKind, ProbeOutcome } from './types';

export interface ProbePlan {
  kind: ProbeKind;
  table: string;
  subject: string;
  /** Fixed column literals of the row that must be rejected; `duplicate` means: copy the key of a first row. */
  fixed: RowValues;
  duplicate?: string[];
}

const qn = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`;

/** Longest string a character type takes (`character varying(20)` → 20), else Infinity. */
function maxChars(type: string): number {
  const m = /\((\d+)\)/.exec(type);
  return /^(character|char|varchar|bpchar)/.test(type) && m ? Number(m[1]) : Infinity;
}

/** A literal the base's CHECK forbids for `col`; prefers a value the upgraded CHECK allows. */
function violating(col: Column, baseDefs: string[], upDefs: string[]): string | null {
  const base = rulesFor(col.name, baseDefs);
  if (base.allowed) {
    const up = upDefs.length ? rulesFor(col.name, upDefs).allowed : null;
    const widened = (up ?? []).find((v) => !base.allowed!.includes(v));
    const numeric = base.allowed.every((v) => /^-?\d+(\.\d+)?$/.test(v)) && !/char|text/.test(col.type);
    if (widened !== undefined) return numeric ? widened : quoteLiteral(widened);
    if (numeric) return String(Math.max(...base.allowed.map(Number)) + 1);
    const candidate = 'zz_not_allowed'.slice(0, Math.max(1, Math.min(14, maxChars(col.type))));
    return base.allowed.includes(candidate) ? null : quoteLiteral(candidate);
  }
  if (base.min) return String(base.min.inclusive ? base.min.value - 1 : base.min.value);
  if (base.max) return String(base.max.inclusive ? base.max.value + 1 : base.max.value);
  return null;
}

/**
 * Probes for the base objects the cycle touched: `touched` holds qualified object names
 * (tables, `schema.table.column`, `schema.table.constraint`, `schema.type`) from the diffs.
 */
export function planProbes(base: SchemaModel, up: SchemaModel, touched: Set<string>): ProbePlan[] {
  const plans: ProbePlan[] = [];
  const touchedTable = (t: Table) => [...touched].some((o) => o === qn(t) || o.startsWith(`${qn(t)}.`));
  for (const t of base.tables) {
    if (!touchedTable(t)) continue;
    const table = qn(t);
    const cols = new Map(t.columns.map((c) => [c.name, c]));
    const isTouchedCol = (c: string) => touched.has(`${table}.${c}`);
    const cons = base.constraints.filter((c) => c.schema === t.schema && c.table === t.name);
    const upCons = up.constraints.filter((c) => c.schema === t.schema && c.table === t.name);
    for (const c of cons.filter((x) => x.type === 'check')) {
      if (!touched.has(`${table}.${c.name}`) && !c.columns.some(isTouchedCol)) continue;
      for (const colName of c.columns) {
        const col = cols.get(colName);
        if (!col) continue;
        const upDefs = upCons.filter((u) => u.type === 'check' && u.columns.includes(colName)).map((u) => u.definition);
        const v = violating(col, [c.definition], upDefs);
        if (v !== null) plans.push({ kind: 'check', table, subject: c.name, fixed: { [colName]: v } });
      }
    }
    for (const col of t.columns) {
      if (col.notNull && isTouchedCol(col.name) && col.identity === null && !col.generated) plans.push({ kind: 'not_null', table, subject: col.name, fixed: { [col.name]: 'NULL' } });
    }
    for (const c of cons.filter((x) => x.type === 'unique' || x.type === 'primary key')) {
      if (touched.has(`${table}.${c.name}`) || c.columns.some(isTouchedCol)) plans.push({ kind: 'unique', table, subject: c.name, fixed: {}, duplicate: c.columns });
    }
    for (const ix of base.indexes.filter((i) => i.schema === t.schema && i.table === t.name && i.unique && !i.constraint && !i.predicate)) {
      if (!touched.has(`${table}.${ix.name}`) || !ix.keys.every((k) => k.isColumn)) continue;
      plans.push({ kind: 'unique', table, subject: ix.name, fixed: {}, duplicate: ix.keys.map((k) => k.expression) });
    }
    for (const col of t.columns) {
      const en = base.types.find((ty) => ty.kind === 'enum' && (col.type === ty.name || col.type === qn(ty)));
      if (!en || !touched.has(qn(en))) continue;
      const upLabels = up.types.find((ty) => qn(ty) === qn(en))?.labels ?? [];
      const added = upLabels.find((l) => !en.labels.includes(l));
      if (added !== undefined) plans.push({ kind: 'enum', table, subject: qn(en), fixed: { [col.name]: quoteLiteral(added) } });
    }
  }
  return plans;
}

const notRun = (message: string): ProbeOutcome => ({ outcome: 'not_run', code: null, message });

/** Runs one probe with its control in a rolled-back transaction. */
export async function runProbe(db: Db, model: SchemaModel, plan: ProbePlan, tenancyColumn: string | null): Promise<ProbeOutcome> {
  if (!model.tables.some((t) => qn(t) === plan.table)) return notRun(`${plan.table} does not exist`);
  await db.query('BEGIN');
  try {
    const synth = new RowSynth(db, model, { tenancyColumn });
    synth.inTransaction = true;
    let fixed = plan.fixed;
    try {
      const first = await synth.insert(plan.table, {}, { validateOnly: !plan.duplicate });
      if (plan.duplicate) fixed = Object.fromEntries(plan.duplicate.map((c) => [c, quoteLiteral(first.returned[c] ?? null)]));
    } catch (err) {
      return notRun(`control row could not be inserted: ${(err as Error).message}`);
    }
    try {
      await synth.insert(plan.table, fixed, { validateOnly: true });
      return { outcome: 'accepted', code: null, message: null };
    } catch (err) {
      if (err instanceof SynthError && err.code) return { outcome: 'rejected', code: err.code, message: err.message };
      return notRun((err as Error).message);
    }
  } finally {
    await db.query('ROLLBACK').catch(() => undefined);
  }
}

export const describeValues = (p: ProbePlan) => (p.duplicate ? `duplicate (${p.duplicate.join(', ')})` : Object.entries(p.fixed).map(([k, v]) => `${k} = ${v}`).join(', '));

export function judgeProbe(plan: ProbePlan, base: ProbeOutcome, down: ProbeOutcome): Probe {
  const common = { kind: plan.kind, table: plan.table, subject: plan.subject, values: describeValues(plan), base, down };
  if (down.outcome === 'accepted') return { ...common, verdict: 'lost', detail: `after the downgrade ${plan.table} accepts ${describeValues(plan)}; the base rejected it (${base.code})` };
  if (down.outcome === 'rejected') return { ...common, verdict: 'held', detail: `rejected again (${down.code})` };
  return { ...common, verdict: 'inconclusive', detail: `after the downgrade the probe could not run: ${down.message}` };
}
