import { typeRule } from '../type-rule';

/** No `char(n)` / `character` / `bpchar` columns. */
export const rule = typeRule({
  id: 'ban_char_field',
  description: 'No `char(n)` / `character` / `bpchar` columns.',
  severity: 'warning',
  source: 'squawk ban-char-field; PostgreSQL wiki Don\'t Do This "Don\'t use char(n)"',
  help: 'Use `text` (or `varchar(n)` when a length limit is a real rule of the data).',
  problem: '`char(n)` pads every value with spaces to n characters, compares ignoring that padding in some operators and not others, and is no faster than `text`: values like `\'ab\'` and `\'ab  \'` become indistinguishable and joins against `text` columns behave surprisingly. Quoted `"char"` is a one-byte internal type meant for the system catalogs.',
  solution: 'Use `text`, with a CHECK constraint when the value has a fixed shape (`CHECK (length(code) = 2)`).',
  types: ['bpchar', 'char', 'character'],
  reason: 'use text or varchar',
});
