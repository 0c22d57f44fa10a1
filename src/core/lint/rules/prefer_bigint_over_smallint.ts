import { typeRule } from '../type-rule';

/** Integer columns are not 16-bit `smallint` / `smallserial`. */
export const rule = typeRule({
  id: 'prefer_bigint_over_smallint',
  description: 'Integer columns are not 16-bit `smallint` / `smallserial`.',
  severity: 'off',
  source: 'squawk prefer-bigint-over-smallint',
  help: 'Use `bigint` (or `integer` when the range is truly bounded).',
  problem: 'A `smallint` runs out at 32,767; widening it later rewrites the table under ACCESS EXCLUSIVE. Alignment padding often makes the two saved bytes disappear anyway.',
  solution: 'Use `bigint` (or `integer`) unless the range is provably small. Off by default; turn it on in the overlay.',
  types: ['int2', 'smallint', 'smallserial', 'serial2'],
  reason: 'a 16-bit integer overflows at 32,767',
});
