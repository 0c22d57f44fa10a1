/**
 * ERD harness (erd-dev.html): renders a GENERATED model (dev-model.ts), for e2e tests and the bench
 * before/independently of the app route. Query: ?n=<tables>&drift=1 (dump with drift) &huge=<threshold>
 * and the usual hash `#/erd/<id>?focus=N`.
 */
import { mount } from 'svelte';
import Erd from './Erd.svelte';
import { devModel, driftedDump } from './dev-model';
import { parseErdHash } from './link';

const q = new URLSearchParams(location.search);
const n = Number(q.get('n') ?? 40);
const canonical = devModel({ tables: n, schemas: (q.get('schemas') ?? 'public').split(',') });
const drift = q.get('drift') === '1' ? driftedDump(canonical) : null;
const link = parseErdHash(location.hash);
const props = $state({
  canonical, dump: drift?.dump ?? null, divergences: drift?.divergences ?? [],
  selected: link.selected, focus: link.focus,
  hugeThreshold: Number(q.get('huge') ?? 300),
  storageKey: q.get('key') ?? undefined,
  onselect: (id: string) => { props.selected = id; },
});
const app = mount(Erd, { target: document.getElementById('erd')!, props });
addEventListener('hashchange', () => { const l = parseErdHash(location.hash); props.selected = l.selected; props.focus = l.focus; });
(globalThis as unknown as { __erd: unknown }).__erd = { app, canonical, props };
