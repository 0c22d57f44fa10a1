/**
 * Tenancy mode judges the dump by absolute checks (the overlay's tenancy): an `access` probe
 * expects the principal to read, insert and update its own rows. A table the canonical makes
 * read-only on purpose (billing rows written by a webhook, an audit log, a membership table
 * changed only through SECURITY DEFINER functions) fails those checks on the dump exactly as it
 * would on the canonical — and the canonical is the oracle wherever the overlay does not say
 * otherwise. So a failed access check is kept only when the canonical could allow it: it is
 * passed, with the reason, when the canonical has row-level security on that table and no
 * permissive policy for the command at all (nobody but the owner or a BYPASSRLS role can then
 * do it there, whatever the identity). Anything less certain (a policy for some role, a policy
 * whose expression is false) stays failed.
 */
import type { PolicyCommand, SchemaModel } from '../model';
import type { RlsSection, RlsTest } from '../report/types';
import { summarize } from './suite';

const COMMAND: Record<string, PolicyCommand> = {
  own_rows_visible: 'SELECT',
  own_insert_allowed: 'INSERT',
  own_update_allowed: 'UPDATE',
};

/** Why the canonical denies `command` on `table` to every ordinary role, or null when it might allow it. */
export function canonicalDenial(canonical: SchemaModel, table: string, command: PolicyCommand): string | null {
  const t = canonical.tables.find((x) => `${x.schema}.${x.name}` === table);
  if (!t || !t.rlsEnabled) return null;
  // UPDATE also needs the row visible: no SELECT policy denies it as surely as no UPDATE policy.
  const needed: PolicyCommand[] = command === 'UPDATE' ? ['UPDATE', 'SELECT'] : [command];
  const permissive = canonical.policies.filter((p) => `${p.schema}.${p.table}` === table && p.permissive);
  const missing = needed.find((c) => !permissive.some((p) => p.command === c || p.command === 'ALL'));
  return missing ? `the canonical has row-level security on ${table} and no permissive ${missing} policy: ${command} is denied there too` : null;
}

/** The section with every failed access check the canonical denies as well turned into a pass. */
export function alignAccessWithCanonical(section: RlsSection, canonical: SchemaModel): RlsSection {
  let changed = false;
  const tests = section.tests.map((t): RlsTest => {
    const command = COMMAND[t.scenario];
    if (t.outcome !== 'failed' || !command) return t;
    const why = canonicalDenial(canonical, t.table, command);
    if (!why) return t;
    changed = true;
    const out: RlsTest = { ...t, outcome: 'passed', passed: true, detail: `as in the canonical — ${why}; dump: ${t.detail}` };
    delete out.severity;
    return out;
  });
  return changed ? { ...section, tests, summary: summarize(tests) } : section;
}
