/**
 * First start: restore the saved session, or load the bundled defaults (canonical SQL, its
 * YAML and a sample dump) so a full report appears with no action.
 */
import { bundledSampleNames, loadBundledCanonical, loadBundledSample, loadBundledSeeds, loadBundledSpec, type BundledFile } from './bundled';
import type { AppState } from './state/app.svelte';
import type { SourcesSnapshot } from './state/sources.svelte';
import { isShareFragment } from './share/codec';
import { defaultSampleName } from '../adapters/browser/default-sample';

export { defaultSampleName };

interface Defaults { canonical: BundledFile | null; spec: BundledFile | null; seeds: BundledFile | null; sample: { name: string; text: string } | null }

async function fetchDefaults(): Promise<Defaults> {
  const name = defaultSampleName(bundledSampleNames);
  const [canonical, spec, seeds, sample] = await Promise.all([
    loadBundledCanonical(), loadBundledSpec(), loadBundledSeeds(), name ? loadBundledSample(name) : Promise.resolve(null),
  ]);
  return { canonical, spec, seeds, sample: sample && name ? { name, text: sample.text } : null };
}

/** The bundled inputs with the default sample as the one dump. */
function defaultsSnapshot(d: Defaults): SourcesSnapshot {
  const sample = d.sample ? { key: `sample:${d.sample.name}`, name: d.sample.name, sql: d.sample.text, origin: 'sample' as const, loadedAt: new Date().toISOString() } : null;
  return {
    canonical: d.canonical ?? { name: 'canonical.sql', text: '' },
    spec: d.spec ?? null,
    seeds: d.seeds ?? null,
    dumps: sample ? [sample] : [],
    activeKey: sample?.key ?? null,
    phase: 'all',
    nextFile: 1,
  };
}

export async function boot(app: AppState): Promise<void> {
  const saved = await app.session.load();
  const defaults = saved ? null : await fetchDefaults();
  // Sessions saved before the seed overrides were part of the inputs get the bundled ones.
  const seeds = saved && saved.sources.seeds === undefined ? await loadBundledSeeds() : undefined;
  // What the user opened or edited while this loaded is replayed on top of it (Sources.settle).
  if (saved) {
    app.sources.settle(seeds === undefined ? saved.sources : { ...saved.sources, seeds });
    app.drift.restore(saved.drift);
    app.theme.choice = saved.theme ?? 'system';
    app.history = saved.history ?? [];
    if ((!location.hash || location.hash === '#') && saved.hash) location.hash = saved.hash;
  } else {
    app.sources.settle(defaultsSnapshot(defaults!));
  }
  // A share link (`#share=…`) opens its inputs and view on top of the session; so does one
  // pasted into this tab later.
  if (isShareFragment(location.hash)) await app.share.open(app, location.hash);
  window.addEventListener('hashchange', () => { if (isShareFragment(location.hash)) void app.share.open(app, location.hash); });
  app.ready = true;
  performance.mark('skeldir:inputs-ready');
}

/** "Reset to defaults": forget the saved session and start over from the bundled inputs. */
export async function resetToDefaults(app: AppState): Promise<void> {
  const defaults = await fetchDefaults();
  await app.session.clear();
  app.drift.restore(undefined);
  app.history = [];
  app.sources.restore(defaultsSnapshot(defaults));
}
