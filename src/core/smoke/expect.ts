/** Judging a step's outcome against its expectation. */
import type { PgErrorFields } from '../db';
import type { Comparison, SmokeExpect } from './types';

export interface StepOutcome {
  rows: Record<string, unknown>[];
  affected: number | undefined;
  error: PgErrorFields | null;
  /** Index names found in the EXPLAIN plan (uses_index only). */
  indexes?: string[];
}

export function compare(n: number, op: Comparison, k: number): boolean {
  switch (op) {
    case '=': return n === k;
    case '>=': return n >= k;
    case '<=': return n <= k;
    case '>': return n > k;
    case '<': return n < k;
  }
}

/** null when met, else what was seen. */
export function unmet(expect: SmokeExpect, out: StepOutcome): string | null {
  const err = out.error ? `failed with ${out.error.code ?? 'XX000'}: ${out.error.message}` : null;
  switch (expect.kind) {
    case 'error':
      if (!out.error) return `succeeded, expected SQLSTATE ${expect.sqlstate}`;
      return out.error.code === expect.sqlstate ? null : `${err}; expected SQLSTATE ${expect.sqlstate}`;
    case 'rows':
      if (err) return err;
      return compare(out.rows.length, expect.op, expect.count) ? null : `returned ${out.rows.length} row(s), expected ${expect.op} ${expect.count}`;
    case 'affected': {
      if (err) return err;
      const n = out.affected ?? 0;
      return compare(n, expect.op, expect.count) ? null : `affected ${n} row(s), expected ${expect.op} ${expect.count}`;
    }
    case 'returns_no_row':
      if (err) return err;
      return out.rows.length === 0 ? null : `returned ${out.rows.length} row(s), expected none`;
    case 'uses_index':
      if (err) return err;
      return out.indexes?.includes(expect.index) ? null : `plan uses ${out.indexes?.length ? out.indexes.join(', ') : 'no index'}, expected ${expect.index}`;
    case 'ok':
      return err;
  }
}

export function describeExpect(e: SmokeExpect): string {
  switch (e.kind) {
    case 'error': return `fails with SQLSTATE ${e.sqlstate}`;
    case 'rows': return `returns ${e.op} ${e.count} row(s)`;
    case 'affected': return `affects ${e.op} ${e.count} row(s)`;
    case 'returns_no_row': return 'returns no row';
    case 'uses_index': return `plan uses ${e.index}`;
    case 'ok': return 'succeeds';
  }
}

/** Every "Index Name" in an EXPLAIN (FORMAT JSON) plan. */
export function planIndexes(plan: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      for (const [k, v] of Object.entries(n)) {
        if (k === 'Index Name' && typeof v === 'string') out.push(v);
        else walk(v);
      }
    }
  };
  walk(typeof plan === 'string' ? JSON.parse(plan) : plan);
  return out;
}
