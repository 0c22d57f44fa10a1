import type { LintRule, RuleReport } from '../types';

/** NAMEDATALEN - 1: PostgreSQL keeps the first 63 bytes of a name and drops the rest with a NOTICE. */
export const MAX_IDENTIFIER_BYTES = 63;
const utf8 = new TextEncoder();

/**
 * Identifiers longer than 63 bytes. The lexer truncates them before the grammar sees them, so
 * the rule reads the tokens (libpg-query's scanner), not the tree.
 */
export const rule: LintRule = {
  id: 'ban_long_identifier',
  description: 'Identifiers are at most 63 bytes (longer ones are silently truncated).',
  severity: 'error',
  source: 'PostgreSQL docs §4.1.1 (NAMEDATALEN); squawk',
  help: 'Shorten the name to 63 bytes or fewer (count bytes: non-ASCII letters take 2–4).',
  problem: 'PostgreSQL truncates longer names to 63 bytes with only a NOTICE. Two long names that share their first 63 bytes collide, and the name in the catalog is not the one in the migration, so later `DROP INDEX <long name>` or an ORM lookup misses it.',
  solution: 'Choose names of at most 63 bytes (index and constraint names generated from table + column names are the usual offenders).',
  check(ctx) {
    const out: RuleReport[] = [];
    const seen = new Set<string>();
    for (const s of ctx.statements) {
      for (const t of s.tokens) {
        if (t.kind !== 'IDENT') continue;
        const name = t.text.startsWith('"') ? t.text.slice(1, -1).replace(/""/g, '"') : t.text.toLowerCase();
        const bytes = utf8.encode(name).length;
        const key = `${s.text}\u0000${t.start}`;
        if (bytes > MAX_IDENTIFIER_BYTES && !seen.has(key)) {
          seen.add(key);
          out.push({ statement: s, offset: t.start, message: `identifier is ${bytes} bytes; PostgreSQL truncates it to ${MAX_IDENTIFIER_BYTES}` });
        }
      }
    }
    return out;
  },
};
