/**
 * Same definition, other name. A canonical constraint or index missing by name while the dump
 * has an extra one on the same table that Postgres prints identically (name aside) is a rename
 * that changes nothing a query can observe: reported once, as `missing` with severity LOW and
 * the dump's name in the message; the matching `extra` is dropped.
 */
export function pairByDefinition<T extends { schema: string; table: string }>(
  missing: readonly T[], extra: readonly T[], shape: (x: T) => string,
): Map<T, T> {
  const pairs = new Map<T, T>();
  const free = [...extra];
  for (const m of missing) {
    const i = free.findIndex((x) => x.schema === m.schema && x.table === m.table && shape(x) === shape(m));
    if (i >= 0) {
      pairs.set(m, free[i]);
      free.splice(i, 1);
    }
  }
  return pairs;
}
