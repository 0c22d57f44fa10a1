import { describe, expect, it } from 'vitest';
import { rulesFor } from '../../src/core/synth/checks';
import { generateValue } from '../../src/core/synth/values';
import { parseSeedOverrides } from '../../src/core/synth/overrides';
import { InputError } from '../../src/core/errors';

describe('CHECK definitions as Postgres prints them', () => {
  it.each([
    ["CHECK (((state)::text = ANY ((ARRAY['pending'::character varying, 'posted'::character varying])::text[])))", 'state', { allowed: ['pending', 'posted'] }],
    ["CHECK ((channel = ANY (ARRAY['google_search'::text, 'direct'::text])))", 'channel', { allowed: ['google_search', 'direct'] }],
    ['CHECK (((allocation_ratio >= (0)::numeric) AND (allocation_ratio <= (1)::numeric)))', 'allocation_ratio', { min: { value: 0, inclusive: true }, max: { value: 1, inclusive: true } }],
    ['CHECK ((amount_cents > 0))', 'amount_cents', { min: { value: 0, inclusive: false }, max: null }],
    ['CHECK (((small >= 1) AND (small <= 10)))', 'small', { min: { value: 1, inclusive: true }, max: { value: 10, inclusive: true } }],
    ['CHECK ((char_length((currency)::text) = 3))', 'currency', { minLength: 3, maxLength: 3 }],
    ["CHECK (((state)::text = 'open'::text))", 'state', { allowed: ['open'] }],
    ['CHECK ((VALUE > 0))', 'VALUE', { min: { value: 0, inclusive: false } }],
  ])('%s', (def, col, expected) => {
    expect(rulesFor(col, [def])).toMatchObject(expected);
  });

  it('does not read another column\'s rule', () => {
    expect(rulesFor('b', ['CHECK ((a > 5))']).min).toBeNull();
  });

  it('generates values inside the rules', () => {
    expect(generateValue('numeric(6,5)', rulesFor('r', ['CHECK (((r >= (0)::numeric) AND (r <= (1)::numeric)))']), 7)).toBe("'0.50000'");
    expect(generateValue('smallint', rulesFor('s', ['CHECK (((s >= 1) AND (s <= 10)))']), 25)).toMatch(/^'([1-9]|10)'$/);
    expect(generateValue('character varying(3)', rulesFor('c', []), 1)).toMatch(/^'[A-Z]{3}'$/);
    expect(generateValue('character varying(100)', rulesFor('c', ["CHECK (((c)::text = ANY ((ARRAY['x'::character varying, 'y'::character varying])::text[])))"]), 3)).toBe("'y'");
    expect(() => generateValue('point', rulesFor('p', []), 1)).toThrow(/no value generator for type point/);
  });
});

describe('parseSeedOverrides', () => {
  it('parses literals and sql', () => {
    const o = parseSeedOverrides('tables:\n  public.t:\n    values:\n      a: 1\n      b: { sql: "SELECT 2" }\n      c: null\n', 's.yaml');
    expect(o.tables['public.t'].values).toEqual({ a: { literal: '1' }, b: { sql: 'SELECT 2' }, c: { literal: null } });
  });
  it('locates bad input', () => {
    try {
      parseSeedOverrides('tables:\n  public.t:\n    values:\n      a: [1, 2]\n', 's.yaml');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).location).toMatchObject({ source: 's.yaml', line: 4 });
    }
  });
});
