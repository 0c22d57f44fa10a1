/**
 * The shape most object kinds share: present or not, one printed definition, a comment. A
 * kind that needs no more than that is one call (collations, rules, event triggers, …);
 * kinds with more to say (columns, policies, privileges) have their own file.
 */
import type { SchemaModel } from '../model';
import type { Divergence, ObjectType } from '../report/types';
import { diffLists } from './diff-lists';
import { commentDivergence } from './comments';
import { divergence, type KindComparer } from './context';

export interface SimpleKind<T> {
  objectType: ObjectType;
  /** How a person names the kind in a sentence, e.g. `event trigger`. */
  label: string;
  list: (m: SchemaModel) => readonly T[] | undefined;
  key: (x: T) => string;
  /** Everything that must be equal, printed as a reviewer reads it. */
  describe: (x: T) => string;
  /** Table the object lives on, for reports; null for schema- or database-level objects. */
  table?: (x: T) => string | null;
  comment?: (x: T) => string | null | undefined;
  /** Skip objects whose parent is already reported as missing or extra. */
  inScope?: (x: T, oneSidedTables: ReadonlySet<string>) => boolean;
}

export function simpleKind<T>(k: SimpleKind<T>): KindComparer {
  return (ctx) => {
    const scoped = (m: SchemaModel) => (k.list(m) ?? []).filter((x) => !k.inScope || k.inScope(x, ctx.oneSidedTables));
    const table = (x: T) => k.table?.(x) ?? null;
    const d = diffLists(scoped(ctx.expected), scoped(ctx.actual), k.key, (e, a) => {
      const object = k.key(e);
      const out: Divergence[] = [];
      if (k.describe(e) !== k.describe(a)) {
        out.push(divergence(ctx, {
          kind: 'definition_mismatch', objectType: k.objectType, object, table: table(e), expected: k.describe(e), actual: k.describe(a),
          message: `${k.label} ${object} differs from canonical`,
        }));
      }
      if (k.comment) out.push(...commentDivergence(ctx, k.objectType, object, table(e), k.comment(e) ?? null, k.comment(a) ?? null));
      return out;
    });
    return [
      ...d.missing.map((x) => divergence(ctx, {
        kind: 'missing', objectType: k.objectType, object: k.key(x), table: table(x), expected: k.describe(x), actual: null,
        message: `${k.label} ${k.key(x)} is missing from the dump`,
      })),
      ...d.extra.map((x) => divergence(ctx, {
        kind: 'extra', objectType: k.objectType, object: k.key(x), table: table(x), expected: null, actual: k.describe(x),
        message: `${k.label} ${k.key(x)} is not in the canonical schema`,
      })),
      ...d.altered,
    ];
  };
}
