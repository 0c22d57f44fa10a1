import { describe, expect, it } from 'vitest';
import { parseAllowedValues } from '../../src/core/dictionary/check-values';

// Definitions exactly as pg_get_constraintdef prints them (captured from PostgreSQL 15 and 18).
const cases: [string, string, ReturnType<typeof parseAllowedValues>][] = [
  ['varchar IN-list (casts on both sides)',
    "CHECK (((remediation_status)::text = ANY ((ARRAY['pending'::character varying, 'in_progress'::character varying])::text[])))",
    { column: 'remediation_status', values: ['pending', 'in_progress'], allowsNull: false }],
  ['text IN-list', "CHECK ((b = ANY (ARRAY['x'::text, 'y'::text])))", { column: 'b', values: ['x', 'y'], allowsNull: false }],
  ['integers', 'CHECK ((c = ANY (ARRAY[1, 2, 3])))', { column: 'c', values: ['1', '2', '3'], allowsNull: false }],
  ['numeric with a cast element', 'CHECK ((g = ANY (ARRAY[1.5, (2)::numeric])))', { column: 'g', values: ['1.5', '2'], allowsNull: false }],
  ['single value (IN with one element)', "CHECK (((d)::text = 'only'::text))", { column: 'd', values: ['only'], allowsNull: false }],
  ['escaped quote', "CHECK (((a)::text = ANY ((ARRAY['it''s'::character varying, 'ok'::character varying])::text[])))",
    { column: 'a', values: ["it's", 'ok'], allowsNull: false }],
  ['IS NULL OR IN-list', "CHECK (((e IS NULL) OR (e = ANY (ARRAY['p'::text, 'q'::text]))))", { column: 'e', values: ['p', 'q'], allowsNull: true }],
  ['old-style element casts', "CHECK (((channel)::text = ANY (ARRAY[('google'::character varying)::text, ('meta'::character varying)::text])))",
    { column: 'channel', values: ['google', 'meta'], allowsNull: false }],
  ['quoted identifier', `CHECK ((("Weird col")::text = ANY (ARRAY['a'::text])))`, { column: 'Weird col', values: ['a'], allowsNull: false }],
  ['NOT VALID suffix', "CHECK ((b = ANY (ARRAY['x'::text]))) NOT VALID", { column: 'b', values: ['x'], allowsNull: false }],
  ['range check is not a list', 'CHECK (((confidence_score >= (0)::numeric) AND (confidence_score <= (1)::numeric)))', null],
  ['NOT IN is not an allowed-list', "CHECK (((i)::text <> 'bad'::text))", null],
  ['function call', "CHECK ((lower(x) = ANY (ARRAY['a'::text])))", null],
  ['two columns', 'CHECK ((a = b))', null],
  ['not a CHECK', 'UNIQUE (a)', null],
  ['IS NULL OR on a different column', "CHECK (((x IS NULL) OR (e = ANY (ARRAY['p'::text]))))", null],
  ['unterminated literal', "CHECK ((b = ANY (ARRAY['x::text])))", null],
];

describe('parseAllowedValues', () => {
  it.each(cases)('%s', (_name, def, expected) => {
    expect(parseAllowedValues(def)).toEqual(expected);
  });
});
