/**
 * The bundled sample a first visit opens (schema/samples/): the one carrying the seed's drifts
 * when there is one. Shared by the page (boot.ts) and the build, which prepares that sample's
 * database ahead (build/prepare-sample.ts).
 */
export function defaultSampleName(names: readonly string[]): string | null {
  return names.find((n) => /legacy|drift|head/i.test(n)) ?? names[0] ?? null;
}
