/**
 * Share links in the page: making one from the current view and inputs (the "Copy share link"
 * button) and opening one (at start, or when a link is pasted into an open tab).
 */
import { sha256Hex } from '../../core/hash';
import { bundledSampleNames, loadBundledCanonical, loadBundledSample, loadBundledSeeds, loadBundledSpec } from '../bundled';
import type { AppState } from '../state/app.svelte';
import type { NamedText } from '../state/sources.svelte';
import { buildShare, type BuiltShare, type BundledTexts } from './build';
import { decodeShare, type Carried } from './codec';

export type FileRef = Extract<Carried, { kind: 'file' }>;
/** A file the opened link names but could not carry, and what it was needed for. */
export interface PendingFile extends FileRef { role: 'canonical' | 'overlay' | 'seed overrides' | 'dump' }

const baseName = (p: string) => p.slice(p.lastIndexOf('/') + 1);

async function bundledTexts(): Promise<BundledTexts> {
  const [canonical, spec, seeds] = await Promise.all([loadBundledCanonical(), loadBundledSpec(), loadBundledSeeds()]);
  return {
    canonical, spec, seeds,
    sample: async (name) => (bundledSampleNames.includes(baseName(name)) ? loadBundledSample(baseName(name)) : null),
  };
}

export class ShareState {
  /** Files the last opened link named but did not carry: the receiver must open them. */
  pending = $state.raw<PendingFile[]>([]);
  /** Why the last opened link could not be used. */
  error = $state<string | null>(null);

  /** The link for the current view, selection and inputs (`${page URL}#share=…`). */
  async make(app: AppState): Promise<BuiltShare & { url: string }> {
    const s = app.sources;
    const dump = s.active;
    const built = await buildShare({
      view: app.router.view, selected: app.router.selected, phase: s.phase,
      canonical: s.canonical, spec: s.spec, seeds: s.seeds,
      dump: dump ? { name: dump.name, text: dump.sql, sample: dump.origin === 'sample' } : null,
      decisions: app.drift.decisions,
    }, await bundledTexts(), sha256Hex);
    return { ...built, url: `${location.origin}${location.pathname}${location.search}${built.fragment}` };
  }

  /** Opens a `#share=…` fragment: its inputs replace the check's, its dump is added and shown, then its view. */
  async open(app: AppState, fragment: string): Promise<void> {
    let p;
    try {
      p = await decodeShare(fragment);
    } catch (err) {
      this.error = (err as Error).message;
      app.router.replace(app.router.view, null);
      return;
    }
    this.error = null;
    const bundled = await bundledTexts();
    const pending: PendingFile[] = [];
    const resolve = async (c: Carried | null, builtIn: NamedText | null, role: PendingFile['role'], current: NamedText | null): Promise<NamedText | null> => {
      if (!c) return null;
      if (c.kind === 'text') return { name: c.name, text: c.text };
      if (c.kind === 'bundled' && builtIn) return builtIn;
      if (c.kind === 'file') pending.push({ ...c, role });
      return current; // not carried (or no bundled copy here): keep what this page has
    };
    const s = app.sources;
    const canonical = await resolve(p.canonical, bundled.canonical, 'canonical', s.canonical);
    const spec = await resolve(p.spec, bundled.spec, 'overlay', s.spec);
    const seeds = await resolve(p.seeds, bundled.seeds, 'seed overrides', s.seeds);
    if (canonical && (canonical.text !== s.canonical.text || spec?.text !== s.spec?.text || seeds?.text !== s.seeds?.text)) {
      s.useBundle(canonical, spec, seeds);
    }
    if (p.dump?.kind === 'file') pending.push({ ...p.dump, role: 'dump' });
    else if (p.dump) {
      const d = p.dump;
      const text = d.kind === 'text' ? d.text : (await bundled.sample(d.name))?.text ?? null;
      if (text === null) this.error = `This link's dump is the bundled sample ${d.name}, which this version does not have.`;
      else {
        // The same dump opened before (e.g. the link opened twice) is selected, not added again.
        const known = s.dumps.find((x) => x.name === d.name && x.sql === text);
        if (known) s.select(known.key);
        else if (d.kind === 'bundled') s.addDump(d.name, text, 'sample', `sample:${d.name}`);
        else s.addDump(d.name, text, 'link');
      }
    }
    // The sender's drift decisions (accepted with an ADR, resolved) so the verdict is the same.
    for (const [id, d] of Object.entries(p.decisions ?? {})) app.decide(id, d);
    s.setPhase(p.phase);
    this.pending = pending;
    app.router.replace(p.view, p.selected);
  }

  dismiss() {
    this.pending = [];
    this.error = null;
  }
}
