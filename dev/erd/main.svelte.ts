/**
 * ERD harness (dev/erd/erd-dev.html): renders a GENERATED model (./model.ts), for e2e tests and the bench
 * before/independently of the app route. Query: ?n=<tables>&drift=1 (dump with drift) &huge=<threshold>
 * &schemas=a,b and the usual hash `#/erd/<id>?focus=N`. `?model=real` instead shows the REAL Skeldir
 * model kept by test/erd/erd-real-model.test.ts (canonical_schema.sql vs a real pg_dump with drift);
 * `?model=musicbrainz` the real 516-table MusicBrainz schema (test/erd/erd-musicbrainz.test.ts).
 */
import { mount } from 'svelte';
import Erd from '../../src/app/erd/Erd.svelte';
import { devModel, driftedDump } from './model';
import { parseErdHash } from '../../src/app/erd/link';
import type { SchemaModel } from '../../src/core/model';
import type { Divergence } from '../../src/core/report/types';

const q = new URLSearchParams(location.search);
const opened: string[] = [];
let canonical: SchemaModel;
let drift: { dump: SchemaModel; divergences: Divergence[] } | null;
if (q.get('model') === 'real') {
  const real = (await import('../../test/erd/fixtures/skeldir-real.json')).default as unknown as
    { canonical: SchemaModel; dump: SchemaModel; divergences: Divergence[] };
  canonical = real.canonical;
  drift = { dump: real.dump, divergences: real.divergences };
} else if (q.get('model') === 'musicbrainz') {
  // The real 516-table MusicBrainz schema (fixtures/erd/musicbrainz), kept by test/erd/erd-musicbrainz.test.ts.
  canonical = ((await import('../../test/erd/fixtures/musicbrainz.json')).default as unknown as { model: SchemaModel }).model;
  drift = null;
} else {
  canonical = devModel({ tables: Number(q.get('n') ?? 40), schemas: (q.get('schemas') ?? 'public').split(',') });
  drift = q.get('drift') === '1' ? driftedDump(canonical) : null;
}
const link = parseErdHash(location.hash);
const props = $state({
  canonical, dump: drift?.dump ?? null, divergences: drift?.divergences ?? [],
  selected: link.selected, focus: link.focus,
  ...(q.get('huge') ? { hugeThreshold: Number(q.get('huge')) } : {}),
  storageKey: q.get('key') ?? undefined,
  onselect: (id: string) => { props.selected = id; },
  // The harness has no Sources editor: it records the request so tests can see the links work.
  onopensql: (object: string) => { opened.push(object); },
});
const app = mount(Erd, { target: document.getElementById('erd')!, props });
addEventListener('hashchange', () => { const l = parseErdHash(location.hash); props.selected = l.selected; props.focus = l.focus; });
(globalThis as unknown as { __erd: unknown }).__erd = { app, canonical, props, opened };
