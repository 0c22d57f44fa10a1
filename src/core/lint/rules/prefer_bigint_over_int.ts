import { typeRule } from '../type-rule';

/** Integer columns are `bigint`, not 32-bit `integer` / `serial`. */
export const rule = typeRule({
  id: 'prefer_bigint_over_int',
  description: 'Integer columns are `bigint`, not 32-bit `integer` / `serial`.',
  severity: 'off',
  source: 'squawk prefer-bigint-over-int',
  help: 'Use `bigint` (`bigint GENERATED … AS IDENTITY` for keys).',
  problem: 'A 32-bit `integer` key or counter runs out at 2,147,483,647; widening it later is a full table rewrite under ACCESS EXCLUSIVE, plus every foreign key that references it. bigint costs four more bytes a row.',
  solution: 'Use `bigint` for keys, references and counters that grow. Off by default: integer is right for bounded values (cents of one order, a rank), and Skeldir\'s canonical uses it so; turn it on in the overlay.',
  types: ['int4', 'int', 'integer', 'serial', 'serial4'],
  reason: 'a 32-bit integer overflows at 2,147,483,647',
});
