import { describe, expect, it } from 'vitest';
import { parseQName, quoteIdent, quoteLiteral, quoteQName, splitQNameKey, unquoteIdent } from '../../src/core/pgtext';

// Recorded from PostgreSQL 15: SELECT n, quote_ident(n) FROM unnest(ARRAY[…]) n;
const QUOTE_IDENT_PG15: [string, string][] = [
  ['tenant_id', 'tenant_id'], ['Order', '"Order"'], ['select', '"select"'], ['user', '"user"'], ['time', '"time"'],
  ['position', '"position"'], ['type', 'type'], ['name', 'name'], ['value', 'value'], ['my-col', '"my-col"'],
  ['a"b', '"a""b"'], ['_x', '_x'], ['x1', 'x1'], ['1x', '"1x"'], ['col$', '"col$"'], ['é', '"é"'],
  ['values', '"values"'], ['left', '"left"'], ['none', '"none"'], ['row', '"row"'], ['int', '"int"'], ['text', 'text'],
  ['UPPER', '"UPPER"'], ['attribution_events', 'attribution_events'], ['current_user', '"current_user"'],
  ['sp ace', '"sp ace"'], ['', '""'],
];

describe('quoteIdent', () => {
  it.each(QUOTE_IDENT_PG15)('%s → %s, as quote_ident() in PostgreSQL 15', (name, quoted) => {
    expect(quoteIdent(name)).toBe(quoted);
  });

  it('round-trips through unquoteIdent', () => {
    for (const [name] of QUOTE_IDENT_PG15.filter(([n]) => n !== '')) expect(unquoteIdent(quoteIdent(name))).toBe(name);
  });
});

describe('unquoteIdent / parseQName', () => {
  it('folds bare words and keeps quoted ones', () => {
    expect(unquoteIdent('Foo')).toBe('foo');
    expect(unquoteIdent('"Foo"')).toBe('Foo');
    expect(unquoteIdent('"a""b"')).toBe('a"b');
    expect(unquoteIdent('a.b')).toBeNull();
    expect(unquoteIdent('"unterminated')).toBeNull();
  });

  it('reads qualified names as Postgres does', () => {
    expect(parseQName('public."Order"')).toEqual({ schema: 'public', name: 'Order' });
    expect(parseQName('"My.Schema" . t')).toEqual({ schema: 'My.Schema', name: 't' });
    expect(parseQName('Orders')).toEqual({ schema: 'public', name: 'orders' });
    expect(parseQName('a.b.c')).toBeNull();
    expect(parseQName('a.')).toBeNull();
  });

  it('writes and splits model keys', () => {
    expect(quoteQName('public', 'Order')).toBe('public."Order"');
    expect(quoteQName({ schema: 'select', name: 't' })).toBe('"select".t');
    expect(splitQNameKey('public.a.b')).toEqual({ schema: 'public', name: 'a.b' });
    expect(splitQNameKey('t')).toEqual({ schema: 'public', name: 't' });
  });

  it('quotes literals', () => {
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(quoteLiteral(null)).toBe('NULL');
  });
});
