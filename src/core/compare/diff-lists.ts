/**
 * The one generic list diff every object kind uses (pg-schema-diff's habit): match two lists
 * by identity key, report what only one side has, and let the caller compare the pairs.
 */
export interface ListDiff<T, R> {
  /** In `expected` (canonical) only, in expected order. */
  missing: T[];
  /** In `actual` (the dump) only, in actual order. */
  extra: T[];
  /** Whatever `diffOne` reported for the pairs present on both sides. */
  altered: R[];
}

export function diffLists<T, R>(
  expected: readonly T[],
  actual: readonly T[],
  keyOf: (x: T) => string,
  diffOne: (expected: T, actual: T) => R[],
): ListDiff<T, R> {
  const actualByKey = new Map<string, T>();
  for (const a of actual) actualByKey.set(keyOf(a), a);
  const expectedKeys = new Set<string>();
  const missing: T[] = [];
  const altered: R[] = [];
  for (const e of expected) {
    const k = keyOf(e);
    expectedKeys.add(k);
    const a = actualByKey.get(k);
    if (a === undefined) missing.push(e);
    else altered.push(...diffOne(e, a));
  }
  const extra = actual.filter((a) => !expectedKeys.has(keyOf(a)));
  return { missing, extra, altered };
}
