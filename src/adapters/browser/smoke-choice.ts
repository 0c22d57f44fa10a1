/**
 * Skeldir's smoke tests belong to Skeldir's overlay: they run only when the overlay in use IS the
 * bundled one (same text). Another overlay — or the bundled one edited, whatever its name — or
 * none brings none.
 */
export function smokeForOverlay<T>(spec: { text: string } | null, bundledOverlay: string, smoke: readonly T[]): T[] {
  return spec !== null && spec.text === bundledOverlay ? [...smoke] : [];
}
