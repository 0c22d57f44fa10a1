import { typeRule } from '../type-rule';

/** Columns are `text` (a CHECK holds any length limit), not `varchar(n)`. */
export const rule = typeRule({
  id: 'prefer_text_field',
  description: 'Columns are `text` (a CHECK holds any length limit), not `varchar(n)`.',
  severity: 'off',
  source: 'squawk prefer-text-field; PostgreSQL wiki Don\'t Do This "Don\'t use varchar(n) by default"',
  help: 'Use `text` with `CHECK (length(col) <= n)`: the limit can then be changed without a table lock.',
  problem: 'Changing the n of `varchar(n)` later needs ALTER COLUMN TYPE: widening is a catalog change but still takes ACCESS EXCLUSIVE, and narrowing rewrites the table. The limit is usually arbitrary, and `varchar(n)` is no faster than `text`.',
  solution: 'Declare `text` and put a real limit in a CHECK constraint, which can be replaced with NOT VALID + VALIDATE without blocking. Off by default: many schemas (Skeldir\'s canonical among them) use `varchar(n)` on purpose; turn it on in the overlay.',
  types: ['varchar'],
  reason: 'prefer text with a CHECK on its length',
  when: (w) => w.type.mods.length > 0,
});
