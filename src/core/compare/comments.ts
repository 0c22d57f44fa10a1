/**
 * COMMENT ON drift. Seed 004 calls comments diff noise, so only a comment the canonical
 * schema actually has is checked, and a mismatch is always LOW.
 */
import type { Divergence, ObjectType } from '../report/types';
import { divergence, type CompareContext } from './context';

export function commentDivergence(
  ctx: CompareContext, objectType: ObjectType, object: string, table: string | null,
  expected: string | null, actual: string | null,
): Divergence[] {
  if (expected === null || expected === actual) return [];
  return [divergence(ctx, {
    kind: 'comment_mismatch', objectType, object, table, expected, actual, severity: 'LOW',
    message: actual === null ? `${object} has no comment; canonical documents it` : `${object} comment differs from canonical`,
  })];
}
