/**
 * Share links in the page: making one from the current view and inputs (the "Copy share link"
 * button) and opening one (at start, or when a link is pasted into an open tab).
 */
import { sha256Hex } from '../../core/hash';
import { bundledSampleNames, loadBundledCanonical, loadBundledSample, loadBundledSeeds, loadBundledSpec } from '../bundled';
import type { AppState } from '../state/app.svelte';
import { buildShare, type BuiltShare, type BundledTexts } from './build';
import { decodeShare } from './codec';
import { checkPhase, planInputs, type Inputs, type InputsOffer, type InputRole, type PendingFile } from './plan';

export type { FileRef, PendingFile } from './plan';

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
  /** Why the last opened link could not be used (or part of it). */
  error = $state<string | null>(null);
  /** Inputs the last opened link would replace, waiting for the receiver's confirmation. */
  offer = $state.raw<InputsOffer | null>(null);
  /** Inputs accepted from a link, and the receiver's own ones before (for Undo). */
  fromLink = $state.raw<{ roles: InputRole[]; applied: Inputs; previous: Inputs; previousPhase: string } | null>(null);
  /** Set by ShareNotice: a pending file's SHA-256 differs from the open input in its role. */
  mismatch = $state(false);
  #opening: Promise<void> = Promise.resolve();

  /**
   * The link for the current view, selection and inputs (`${page URL}#share=…`). `at` names a
   * view and selection richer than the route's (e.g. the ERD's focus hops); default: the route.
   */
  async make(app: AppState, at: { view: string; selected: string | null } = app.router): Promise<BuiltShare & { url: string }> {
    const s = app.sources;
    const dump = s.active;
    const built = await buildShare({
      view: at.view, selected: at.selected, phase: s.phase,
      canonical: s.canonical, spec: s.spec, seeds: s.seeds,
      dump: dump ? { name: dump.name, text: dump.sql, sample: dump.origin === 'sample' } : null,
      decisions: app.drift.decisions,
    }, await bundledTexts(), sha256Hex);
    return { ...built, url: `${location.origin}${location.pathname}${location.search}${built.fragment}` };
  }

  /**
   * Opens a `#share=…` fragment: its dump is added and shown, then its view. Inputs that differ
   * from this page's are only offered (see `offer`). Never rejects: a failure sets `error`.
   * Opens run one after another (a link pasted while one is opening waits its turn).
   */
  open(app: AppState, fragment: string): Promise<void> {
    const run = this.#opening.then(() => this.#open(app, fragment)).catch((err: unknown) => {
      this.error = `This share link could not be opened: ${(err as Error)?.message ?? String(err)}`;
    });
    this.#opening = run;
    return run;
  }

  async #open(app: AppState, fragment: string): Promise<void> {
    let p;
    try {
      p = await decodeShare(fragment);
    } catch (err) {
      this.error = (err as Error).message;
      app.router.replace(app.router.view, null);
      return;
    }
    this.error = null;
    this.offer = null;
    const bundled = await bundledTexts();
    const s = app.sources;
    const current: Inputs = { canonical: s.canonical, spec: s.spec, seeds: s.seeds };
    const plan = await planInputs(p, bundled, current, sha256Hex);
    const pending = plan.pending;
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
    this.offer = plan.offer;
    // The phase needs the link's overlay: applied now only when the inputs stay as they are.
    if (!plan.offer) this.#setPhase(app, p.phase);
    this.pending = pending;
    app.router.replace(p.view, p.selected);
  }

  #setPhase(app: AppState, phase: string) {
    const c = checkPhase(phase, app.sources.spec);
    if (c.problem) this.error = this.error ? `${this.error} ${c.problem}` : c.problem;
    app.sources.setPhase(c.phase);
  }

  /** The receiver accepts the link's inputs; their own are kept for Undo. */
  acceptOffer(app: AppState) {
    const o = this.offer;
    if (!o) return;
    const s = app.sources;
    const previous: Inputs = { canonical: s.canonical, spec: s.spec, seeds: s.seeds };
    this.fromLink = { roles: o.changes.map((c) => c.role), applied: o.inputs, previous, previousPhase: s.phase };
    this.offer = null;
    s.useBundle(o.inputs.canonical, o.inputs.spec, o.inputs.seeds);
    this.#setPhase(app, o.phase);
  }

  /** Keep this page's inputs (the link's dump and view stay open). */
  declineOffer() {
    this.offer = null;
  }

  /** Whether the inputs in use are still the ones accepted from a link. */
  linkInputsInUse(app: AppState): boolean {
    const f = this.fromLink;
    const s = app.sources;
    return !!f && f.applied.canonical.text === s.canonical.text && (f.applied.spec?.text ?? null) === (s.spec?.text ?? null) &&
      (f.applied.seeds?.text ?? null) === (s.seeds?.text ?? null);
  }

  /** Back to the inputs this page had before a link's were accepted. */
  undoLinkInputs(app: AppState) {
    const f = this.fromLink;
    if (!f) return;
    this.fromLink = null;
    app.sources.useBundle(f.previous.canonical, f.previous.spec, f.previous.seeds);
    app.sources.setPhase(f.previousPhase);
  }

  dismiss() {
    this.pending = [];
    this.error = null;
    this.mismatch = false;
  }
}
