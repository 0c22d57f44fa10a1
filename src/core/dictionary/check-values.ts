/**
 * Allowed values of a column, read from a CHECK constraint as Postgres prints it
 * (`pgtext/check` parses; this file only decides what counts as an IN-list):
 *   CHECK (((b)::text = ANY ((ARRAY['pending'::character varying, 'in_progress'::character varying])::text[])))
 *   CHECK ((((e)::text = 'a'::text) OR ((e)::text = 'b'::text)))    -- equalities joined by OR
 *   CHECK (((d)::text = 'only'::text))                                -- IN with one value
 *   CHECK (((f IS NULL) OR (f = ANY (ARRAY['p'::text, 'q'::text]))))
 * Anything else (ranges, functions, several columns) yields null and the dictionary shows the raw definition.
 */
import { disjuncts, inList, isNullTest, parseCheckDefinition } from '../pgtext';

export interface AllowedValues {
  /** The constrained column (`VALUE` in a domain's CHECK). */
  column: string;
  /** Literal values in the order the CHECK lists them, unquoted (`'it''s'` → `it's`). */
  values: string[];
  /** The CHECK also admits NULL explicitly (`col IS NULL OR …`). */
  allowsNull: boolean;
}

/** The allowed values a CHECK definition enumerates for one column, or null if it is not an IN-list. */
export function parseAllowedValues(definition: string): AllowedValues | null {
  const parsed = parseCheckDefinition(definition);
  if (!parsed) return null;
  let column: string | null = null;
  const values: string[] = [];
  let allowsNull = false;
  for (const d of disjuncts(parsed.expr)) {
    const nullOf = isNullTest(d);
    const list = nullOf === null ? inList(d) : null;
    const col = nullOf ?? list?.column ?? null;
    if (col === null || (column !== null && col !== column)) return null;
    column = col;
    if (nullOf !== null) allowsNull = true;
    for (const v of list?.values ?? []) if (!values.includes(v)) values.push(v);
  }
  return column !== null && values.length > 0 ? { column, values, allowsNull } : null;
}
