/**
 * The shape shared by the column-type rules (ban_char_field, prefer_text_field, prefer_identity,
 * prefer_bigint_over_int / _smallint): every column type the file writes (CREATE TABLE,
 * ADD COLUMN, ALTER COLUMN … TYPE) whose parser type name is in `types` is reported at the type.
 */
import { writtenColumnTypes, type WrittenType } from './helpers';
import { typeText } from './types-of';
import type { LintRule, RuleReport } from './types';

export interface TypeRuleSpec extends Omit<LintRule, 'check'> {
  /** Type names as the parser gives them, pg_catalog stripped (`int4`, `bpchar`, `serial`). */
  types: string[];
  /** Why the type is flagged, after `column t.c is <type>: `. */
  reason: string;
  /** Further condition on the written type (e.g. only `varchar` with a length). */
  when?: (w: WrittenType) => boolean;
}

export function typeRule(spec: TypeRuleSpec): LintRule {
  const { types, reason, when, ...meta } = spec;
  const flagged = new Set(types);
  return {
    ...meta,
    check(ctx) {
      const out: RuleReport[] = [];
      for (const w of writtenColumnTypes(ctx)) {
        if (!flagged.has(w.type.name) || (when && !when(w))) continue;
        out.push({ statement: w.statement, offset: w.offset, message: `column ${w.table}.${w.column} is ${typeText(w.type)}${w.type.array ? '[]' : ''}: ${reason}` });
      }
      return out;
    },
  };
}
