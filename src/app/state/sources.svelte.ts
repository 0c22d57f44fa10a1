/**
 * The inputs of the check: canonical SQL, its YAML overlay, the seed overrides, the dumps and the phase.
 * Every edit bumps `revision`, which the app watches to re-run the check (debounced).
 *
 * The page is usable before its saved session (or the bundled defaults) has loaded: what the user
 * opens or edits meanwhile is recorded and replayed on top of it (`settle`), so a canonical opened
 * during start-up is not overwritten by the restored one (it used to be: the dump opened next was
 * checked against the bundled canonical, with nothing marked stale).
 */
export interface NamedText {
  name: string;
  text: string;
}

export interface DumpEntry {
  /** Stable key in the session: `sample:<file>` for bundled samples, `file:<n>` for opened ones. */
  key: string;
  name: string;
  sql: string;
  origin: 'sample' | 'file' | 'paste' | 'link';
  /** ISO time the dump was opened (absent in sessions saved before it was recorded). */
  loadedAt?: string;
}

export interface SourcesSnapshot {
  canonical: NamedText;
  spec: NamedText | null;
  /** Seed overrides for the RLS suite and smoke tests (schema/seeds/*.yaml). Absent in sessions saved before seeds existed. */
  seeds?: NamedText | null;
  dumps: DumpEntry[];
  activeKey: string | null;
  phase: string;
  nextFile: number;
}

export class Sources {
  canonical = $state.raw<NamedText>({ name: 'canonical.sql', text: '' });
  spec = $state.raw<NamedText | null>(null);
  seeds = $state.raw<NamedText | null>(null);
  dumps = $state.raw<DumpEntry[]>([]);
  activeKey = $state<string | null>(null);
  phase = $state('all');
  /** Bumped by every change that should re-run the check. */
  revision = $state(0);
  #nextFile = 1;
  /** The user's changes before `settle` (null after it): replayed in order on the restored inputs. */
  #early: ((rekey: Map<string, string>) => void)[] | null = [];

  /** Records a change made before the session was restored. */
  #note(op: (rekey: Map<string, string>) => void) {
    this.#early?.push(op);
  }

  /**
   * Start-up: the saved session (or the defaults) goes in, then every change the user made while
   * it loaded, in the order made: those are newer. Dumps opened meanwhile keep their order after
   * the restored ones and get fresh keys (a restored `file:1` is another dump).
   */
  settle(base: SourcesSnapshot) {
    const early = this.#early ?? [];
    this.#early = null;
    this.restore(base);
    const rekey = new Map<string, string>();
    for (const op of early) op(rekey);
  }

  active = $derived(this.dumps.find((d) => d.key === this.activeKey) ?? this.dumps[0] ?? null);

  setCanonical(text: string) {
    this.#note(() => this.setCanonical(text));
    if (text === this.canonical.text) return;
    this.canonical = { ...this.canonical, text };
    this.revision++;
  }

  setSpec(text: string) {
    this.#note(() => this.setSpec(text));
    if (this.spec && text === this.spec.text) return;
    this.spec = { name: this.spec?.name ?? 'canonical_schema.yaml', text };
    this.revision++;
  }

  /**
   * Opens another canonical SQL file (any schema). An overlay that came with the previous
   * canonical (`previousBundle`, e.g. the bundled Skeldir overlay and seeds) says nothing
   * about it, so the check runs with no overlay until the user opens one.
   */
  openCanonical(name: string, text: string, previousBundle: { spec: string; seeds: string } | null = null) {
    this.#note(() => this.openCanonical(name, text, previousBundle));
    this.canonical = { name, text };
    if (previousBundle && this.spec?.name === previousBundle.spec) this.spec = null;
    if (previousBundle && this.seeds?.name === previousBundle.seeds) this.seeds = null;
    this.revision++;
  }

  /** Opens a YAML overlay; seed overrides that belonged to another overlay (`dropSeeds`) go with it. */
  openSpec(name: string, text: string, dropSeeds: string | null = null) {
    this.#note(() => this.openSpec(name, text, dropSeeds));
    this.spec = { name, text };
    if (dropSeeds !== null && this.seeds?.name === dropSeeds) this.seeds = null;
    this.revision++;
  }

  /** "No overlay": generic comparison, severities by what changed, no phases, no tenancy. */
  clearSpec() {
    this.#note(() => this.clearSpec());
    if (!this.spec && !this.seeds) return;
    this.spec = null;
    this.seeds = null;
    this.revision++;
  }

  /** Back to a bundled set (canonical + overlay + seeds), e.g. Skeldir's. */
  useBundle(canonical: NamedText, spec: NamedText | null, seeds: NamedText | null) {
    this.#note(() => this.useBundle(canonical, spec, seeds));
    this.canonical = canonical;
    this.spec = spec;
    this.seeds = seeds;
    this.revision++;
  }

  setSeeds(text: string) {
    this.#note(() => this.setSeeds(text));
    if (this.seeds && text === this.seeds.text) return;
    this.seeds = { name: this.seeds?.name ?? 'seeds.yaml', text };
    this.revision++;
  }

  /** Adds a dump (or replaces the one with the same key) and makes it active. */
  addDump(name: string, sql: string, origin: DumpEntry['origin'], key?: string): DumpEntry {
    const entry: DumpEntry = { key: key ?? `${origin === 'sample' ? 'sample' : 'file'}:${origin === 'sample' ? name : this.#nextFile++}`, name, sql, origin, loadedAt: new Date().toISOString() };
    const i = this.dumps.findIndex((d) => d.key === entry.key);
    this.dumps = i >= 0 ? this.dumps.map((d, j) => (j === i ? entry : d)) : [...this.dumps, entry];
    this.activeKey = entry.key;
    this.revision++;
    this.#note((rekey) => { rekey.set(entry.key, this.addDump(name, sql, origin, key).key); });
    return entry;
  }

  setDumpText(key: string, sql: string) {
    this.#note((rekey) => this.setDumpText(rekey.get(key) ?? key, sql));
    const d = this.dumps.find((x) => x.key === key);
    if (!d || d.sql === sql) return;
    this.dumps = this.dumps.map((x) => (x.key === key ? { ...x, sql } : x));
    this.revision++;
  }

  /** Renames a dump (labels only: the check does not re-run, its verdict is unchanged). */
  renameDump(key: string, name: string) {
    this.#note((rekey) => this.renameDump(rekey.get(key) ?? key, name));
    const clean = name.trim();
    if (!clean) return;
    this.dumps = this.dumps.map((x) => (x.key === key ? { ...x, name: clean } : x));
  }

  removeDump(key: string) {
    this.#note((rekey) => this.removeDump(rekey.get(key) ?? key));
    this.dumps = this.dumps.filter((d) => d.key !== key);
    if (this.activeKey === key) this.activeKey = this.dumps[0]?.key ?? null;
    this.revision++;
  }

  select(key: string) {
    this.#note((rekey) => this.select(rekey.get(key) ?? key));
    this.activeKey = key;
  }

  setPhase(phase: string) {
    this.#note(() => this.setPhase(phase));
    if (phase === this.phase) return;
    this.phase = phase;
    this.revision++;
  }

  snapshot(): SourcesSnapshot {
    return { canonical: this.canonical, spec: this.spec, seeds: this.seeds, dumps: this.dumps, activeKey: this.activeKey, phase: this.phase, nextFile: this.#nextFile };
  }

  restore(s: SourcesSnapshot) {
    this.canonical = s.canonical;
    this.spec = s.spec;
    this.seeds = s.seeds ?? null;
    this.dumps = s.dumps;
    this.activeKey = s.activeKey;
    this.phase = s.phase || 'all';
    this.#nextFile = Math.max(s.nextFile || 1, ...s.dumps.map((d) => Number(d.key.split(':')[1]) + 1).filter(Number.isFinite));
    this.revision++;
  }
}
