/**
 * Crow's-foot choice for one foreign key (pure).
 *
 * Parent end: exactly one when every FK column is NOT NULL (mandatory), zero-or-one when any is
 * nullable (a row may reference nothing). Child end: a parent may have no children, so it is always
 * optional; it is `one` when the FK columns are covered exactly by a PRIMARY KEY or UNIQUE
 * constraint/index (1:1), `many` otherwise.
 */
import type { EndMarker } from './types';

export interface CardinalityInput {
  /** Nullability of each FK column in the child table. */
  columnsNotNull: boolean[];
  /** The FK column set is exactly the key of a PK/UNIQUE constraint or unique index. */
  unique: boolean;
}

export function crowsFoot(input: CardinalityInput): { parentEnd: EndMarker; childEnd: EndMarker; nullable: boolean } {
  const nullable = input.columnsNotNull.some((n) => !n);
  return {
    parentEnd: nullable ? 'one-optional' : 'one-mandatory',
    childEnd: input.unique ? 'one-optional' : 'many-optional',
    nullable,
  };
}

/** True when `cols` equals one of `keys` as a set (order-insensitive). */
export function coversExactly(cols: string[], keys: string[][]): boolean {
  const want = [...cols].sort().join('\u0000');
  return keys.some((k) => [...k].sort().join('\u0000') === want);
}
