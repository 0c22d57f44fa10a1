import type { Rule } from '../model';
import { onTable, tableOf } from './context';
import { simpleKind } from './simple-kind';

const STATE: Record<Rule['enabled'], string> = { O: '', D: ' (DISABLED)', R: ' (ENABLE REPLICA)', A: ' (ENABLE ALWAYS)' };

/** CREATE RULE, by pg_get_ruledef and enabled state; rules of a one-sided table go with it. */
export const compareRules = simpleKind<Rule>({
  objectType: 'rule', label: 'rule',
  list: (m) => m.rules, key: onTable, table: tableOf,
  describe: (r) => `${r.definition}${STATE[r.enabled]}`, comment: (r) => r.comment,
  inScope: (r, oneSided) => !oneSided.has(tableOf(r)),
});
