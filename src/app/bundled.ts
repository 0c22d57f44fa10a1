/**
 * The bundled default inputs (schema/): canonical SQL, its YAML overlay, the seed overrides and
 * the sample dumps.
 * Loaded lazily (each file its own chunk) so the first JS the page needs stays small.
 */
export interface BundledFile {
  name: string;
  text: string;
}

const canonicalSql = import.meta.glob('/schema/canonical_schema.sql', { query: '?raw', import: 'default' });
const canonicalYaml = import.meta.glob('/schema/canonical_schema.yaml', { query: '?raw', import: 'default' });
const seedsYaml = import.meta.glob('/schema/seeds/skeldir.yaml', { query: '?raw', import: 'default' });
const tourYaml = import.meta.glob('/schema/tour.yaml', { query: '?raw', import: 'default' });
const samples = import.meta.glob('/schema/samples/*.sql', { query: '?raw', import: 'default' });

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

async function first(map: Record<string, () => Promise<unknown>>): Promise<BundledFile | null> {
  const [path, load] = Object.entries(map)[0] ?? [];
  if (!path || !load) return null;
  return { name: path.replace(/^\//, ''), text: (await load()) as string };
}

/**
 * Names of the bundled overlay and seed overrides, known before their text has loaded: they
 * describe the bundled canonical only, so opening another canonical drops them (Sources.openCanonical).
 */
export const bundledOverlayNames: { spec: string; seeds: string } = {
  spec: (Object.keys(canonicalYaml)[0] ?? '').replace(/^\//, ''),
  seeds: (Object.keys(seedsYaml)[0] ?? '').replace(/^\//, ''),
};

export const loadBundledCanonical = () => first(canonicalSql);
export const loadBundledSpec = () => first(canonicalYaml);
/** RLS/smoke seed overrides (what the catalog cannot say, e.g. a trigger's sum rule); the CLI's default too. */
export const loadBundledSeeds = () => first(seedsYaml);

/** The onboarding walkthrough (schema/tour.yaml). */
export const loadBundledTour = () => first(tourYaml);

/** Sample dump names in sorted order, e.g. `legacy_head.sql`. */
export const bundledSampleNames: string[] = Object.keys(samples).map(baseName).sort();

export async function loadBundledSample(name: string): Promise<BundledFile | null> {
  const entry = Object.entries(samples).find(([p]) => baseName(p) === name);
  return entry ? { name: `schema/samples/${name}`, text: (await entry[1]()) as string } : null;
}
