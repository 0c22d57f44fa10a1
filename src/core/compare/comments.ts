/**
 * COMMENT ON drift, always LOW (seed 004 calls comments diff noise, but a reviewer still wants
 * to see them): a comment the canonical has that the dump changed or dropped, and a comment only
 * the dump has (someone documented, or mis-documented, an object the canonical leaves bare).
 */
import type { Divergence, ObjectType } from '../report/types';
import { divergence, type CompareContext } from './context';

export function commentDivergence(
  ctx: CompareContext, objectType: ObjectType, object: string, table: string | null,
  expected: string | null, actual: string | null,
): Divergence[] {
  if (expected === actual) return [];
  const message = actual === null ? `${object} has no comment; canonical documents it`
    : expected === null ? `${object} has a comment in the dump; canonical has none`
      : `${object} comment differs from canonical`;
  return [divergence(ctx, { kind: 'comment_mismatch', objectType, object, table, expected, actual, severity: 'LOW', message })];
}
