/**
 * The imperative d3 view: one SVG, zoom/pan (wheel, drag, keyboard), viewport culling and level of
 * detail on every frame, table dragging. The Svelte wrapper (Erd.svelte) creates one and pushes data.
 */
import * as d3 from 'd3';
import { drawDefs, drawTable, markerId } from './draw';
import { hubIds } from './hubs';
import { cull, fitTransform, intersects, levelFor, LOD_FULL, LOD_GROUPS, LOD_READABLE, visibleRect, type Level } from './lod';
import { drawFrames, placeLabels } from './frames';
import { DIRECTION, edgeLabel, edgesOf, first, nearest } from './keyboard';
import { CANVAS, EDGE, edgeStyle, FONT, MUTED, SELECTED_EDGE } from './paint';
import { edgeRoute, pathD, portPoint, routeBox } from './route';
import type { Box, ErdEdge, ErdGraph, ErdTable, Layout, LayoutFrame, Point } from './types';

export interface ViewData {
  graph: ErdGraph;
  layout: Layout;
  /** Tables to draw (laid out and not hidden). */
  shown: ReadonlySet<string>;
  /** User-dragged top-left corners, overriding the layout. */
  positions: Record<string, { x: number; y: number }>;
  /** Selected table or column id. */
  selected: string | null;
}

export interface ViewCallbacks {
  onselect?: (id: string) => void;
  onmove?: (positions: Record<string, { x: number; y: number }>) => void;
  onframe?: (info: { k: number; lod: Level; drawnTables: number; drawnEdges: number }) => void;
}

interface EdgeItem { e: ErdEdge; pts: Point[]; box: Box; d: string }

/** FKs between two groups, drawn as one bundle in the overview. */
export interface Bundle { id: string; a: string; b: string; count: number; d: string }

/** Screen px of a bundle of `n` FKs: grows with log n, capped. */
export const bundleWidth = (n: number): number => Math.min(9, 1 + 1.4 * Math.log2(n));

/**
 * Inter-group bundles (pure): one per pair of groups joined by at least one FK between tables
 * in `shown`, a gentle curve between the two frames' centres, its width growing with the count.
 */
export function bundles(edges: readonly ErdEdge[], layout: Layout, shown: ReadonlySet<string>): Bundle[] {
  // Hub groups are left out: every table references them (their FKs are stubs in the detail too).
  const frames = new Map(layout.frames.filter((f) => f.kind !== 'hubs').map((f) => [f.id, f.box] as const));
  const count = new Map<string, number>();
  for (const e of edges) {
    if (e.selfRef || !shown.has(e.from) || !shown.has(e.to)) continue;
    const a = layout.groupOf[e.from], b = layout.groupOf[e.to];
    if (!a || !b || a === b || !frames.has(a) || !frames.has(b)) continue;
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  const out: Bundle[] = [];
  for (const [key, n] of [...count].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    const [a, b] = key.split('\u0000');
    const p = frames.get(a)!, q = frames.get(b)!;
    const x1 = p.x + p.width / 2, y1 = p.y + p.height / 2, x2 = q.x + q.width / 2, y2 = q.y + q.height / 2;
    // control point off the straight line by 12 % of its length, so bundles through one corridor fan out
    const cx = (x1 + x2) / 2 - (y2 - y1) * 0.12, cy = (y1 + y2) / 2 + (x2 - x1) * 0.12;
    out.push({ id: key, a, b, count: n, d: `M${x1},${y1}Q${cx},${cy} ${x2},${y2}` });
  }
  return out;
}

const STUB = 34;

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class ErdView {
  readonly svg: d3.Selection<SVGSVGElement, unknown, null, undefined>;
  #host: HTMLElement;
  #root: d3.Selection<SVGGElement, unknown, null, undefined>;
  #framesG: d3.Selection<SVGGElement, unknown, null, undefined>;
  #edgesG: d3.Selection<SVGGElement, unknown, null, undefined>;
  #labelsG: d3.Selection<SVGGElement, unknown, null, undefined>;
  #labelK = -1;
  #labelLevel: Level | '' = '';
  #bundlesG: d3.Selection<SVGGElement, unknown, null, undefined>;
  #bundles: Bundle[] = [];
  #tablesG: d3.Selection<SVGGElement, unknown, null, undefined>;
  #zoom: d3.ZoomBehavior<SVGSVGElement, unknown>;
  #cb: ViewCallbacks;
  #data: ViewData | null = null;
  #tables = new Map<string, ErdTable>();
  #boxes: Record<string, Box> = {};
  #edges: EdgeItem[] = [];
  #stubs = new Map<string, ErdEdge[]>();
  #hubs = new Set<string>();
  #t = d3.zoomIdentity;
  #raf = 0;
  #drawn = new Map<string, string>(); // table id → signature of what is drawn (lod + selection + version)
  #version = 0;
  #dragTick = 0;
  #lastSig = '';
  #lastIds: string[] = [];
  #lastEdges = -1;
  #resize: ResizeObserver;
  /** The roving keyboard item (tabindex 0) and, for an edge, the table it was reached from. */
  #kb: { kind: 'table' | 'edge' | 'group'; id: string; anchor?: string } | null = null;
  /** Move DOM focus to the roving item once it is drawn. */
  #focusPending = false;

  constructor(host: HTMLElement, cb: ViewCallbacks = {}) {
    this.#host = host;
    this.#cb = cb;
    this.svg = d3.select(host).append('svg').attr('class', 'erd-svg').attr('role', 'group').attr('tabindex', -1)
      .attr('aria-label', 'Entity relationship diagram').attr('width', '100%').attr('height', '100%')
      .attr('xmlns', 'http://www.w3.org/2000/svg').style('display', 'block').style('background', CANVAS);
    drawDefs(this.svg.append('defs'));
    this.#root = this.svg.append('g').attr('class', 'erd-root');
    this.#framesG = this.#root.append('g').attr('class', 'erd-frames');
    // Bundles meet at the cards' centres: they must not take the cards' clicks.
    this.#bundlesG = this.#root.append('g').attr('class', 'erd-bundles').style('pointer-events', 'none');
    this.#edgesG = this.#root.append('g').attr('class', 'erd-edges');
    this.#tablesG = this.#root.append('g').attr('class', 'erd-tables');
    // Group labels sit above the tables (halo'd text) and keep a constant screen size.
    this.#labelsG = this.#root.append('g').attr('class', 'erd-labels').style('pointer-events', 'none');
    this.#zoom = d3.zoom<SVGSVGElement, unknown>().scaleExtent([0.02, 3]).on('zoom', (ev: d3.D3ZoomEvent<SVGSVGElement, unknown>) => {
      this.#t = ev.transform;
      this.#root.attr('transform', ev.transform.toString());
      this.schedule();
    });
    this.svg.call(this.#zoom).on('dblclick.zoom', null);
    this.#resize = new ResizeObserver(() => this.schedule());
    this.#resize.observe(host);
    // Tab (or a click) onto a table, edge or card makes it the roving item, brought into view.
    this.svg.on('focusin', (ev: FocusEvent) => {
      const el = ev.target as Element;
      const kind = el.getAttribute?.('data-kb') as 'table' | 'edge' | 'group' | null;
      const id = el.getAttribute?.('data-id');
      if (!kind || !id) return;
      if (!this.#kb || this.#kb.id !== id) this.#kb = { kind, id, anchor: kind === 'edge' ? this.#kb?.anchor ?? this.#kb?.id : undefined };
      this.#reveal();
    });
  }

  get transform(): { x: number; y: number; k: number } { return { x: this.#t.x, y: this.#t.y, k: this.#t.k }; }
  get boxes(): Readonly<Record<string, Box>> { return this.#boxes; }

  set(data: ViewData): void {
    this.#data = data;
    this.#tables = new Map(data.graph.tables.map((t) => [t.id, t] as const));
    this.#boxes = {};
    for (const id of data.shown) {
      const b = data.layout.boxes[id];
      if (!b) continue;
      const p = data.positions[id];
      this.#boxes[id] = p ? { ...b, x: p.x, y: p.y } : { ...b };
    }
    this.#hubs = hubIds(data.graph.edges, new Set(Object.keys(data.layout.boxes)));
    drawFrames(this.#framesG, this.#labelsG, data.layout.frames);
    this.#framesG.selectAll<SVGRectElement, LayoutFrame>('rect.erd-frame-group').style('cursor', 'zoom-in')
      .on('click', (ev: MouseEvent, f) => { if (!ev.defaultPrevented) this.zoomToGroup(f.id); })
      .attr('data-kb', 'group').attr('role', 'button').attr('tabindex', -1)
      .attr('aria-label', (f) => `Group ${f.name ?? f.label}: ${f.tables} table${f.tables === 1 ? '' : 's'}${f.top?.length ? `, mainly ${f.top.join(', ')}` : ''}. Enter zooms in.`);
    this.#bundles = bundles(data.graph.edges, data.layout, data.shown);
    this.#drawBundles();
    this.#labelK = -1;
    this.#rebuildEdges();
    const n = Object.keys(this.#boxes).length;
    this.svg.attr('aria-label', `Entity relationship diagram: ${n} tables, ${this.#edges.length} relationships drawn`);
    this.#version++;
    this.schedule();
  }

  #selectedTable(): string | null {
    const s = this.#data?.selected;
    if (!s) return null;
    if (this.#tables.has(s)) return s;
    const i = s.lastIndexOf('.');
    return i > 0 && this.#tables.has(s.slice(0, i)) ? s.slice(0, i) : null;
  }

  #rebuildEdges(): void {
    const d = this.#data!;
    const moved = new Set(Object.keys(d.positions));
    const sel = this.#selectedTable();
    this.#edges = [];
    this.#stubs = new Map();
    for (const e of d.graph.edges) {
      const pb = this.#boxes[e.to], cb = this.#boxes[e.from];
      const parent = this.#tables.get(e.to), child = this.#tables.get(e.from);
      if (!parent || !child || !cb) continue;
      const hub = this.#hubs.has(e.to) && !e.selfRef;
      const gf = d.layout.groupOf[e.from], gt = d.layout.groupOf[e.to];
      const cross = !hub && gf !== undefined && gt !== undefined && gf !== gt;
      if ((hub && e.from !== sel) || (cross && e.from !== sel && e.to !== sel)) {
        const list = this.#stubs.get(e.from) ?? [];
        list.push(e);
        this.#stubs.set(e.from, list);
        continue;
      }
      if (!pb) continue;
      const elk = d.layout.routes[e.id];
      const pts = !hub && elk && !moved.has(e.from) && !moved.has(e.to) ? elk : edgeRoute(e, parent, pb, child, cb);
      this.#edges.push({ e, pts, box: routeBox(pts), d: pathD(pts) });
    }
  }

  schedule(): void {
    if (!this.#raf) this.#raf = requestAnimationFrame(() => { this.#raf = 0; this.#frame(); });
  }

  #frame(): void {
    const d = this.#data;
    if (!d) return;
    const { clientWidth: w, clientHeight: h } = this.#host;
    const v = visibleRect(this.#t, w, h, 150);
    const lod = levelFor(this.#t.k, d.layout.frames.length > 0);
    const overview = lod === 'groups';
    const sel = this.#selectedTable();
    // Overview: group cards and bundles only (the selected table stays, so search shows where it is).
    const ids = overview ? (sel && this.#boxes[sel] ? [sel] : []) : cull(this.#boxes, Object.keys(this.#boxes), v);
    // The roving keyboard item is always drawn (a tab stop must exist, even panned out of view).
    const kb = this.#kbItem(overview);
    if (kb?.kind === 'table' && !ids.includes(kb.id) && this.#boxes[kb.id]) ids.push(kb.id);
    if (this.#labelK !== this.#t.k || this.#labelLevel !== lod) {
      this.#labelK = this.#t.k; this.#labelLevel = lod;
      placeLabels(this.#labelsG, this.#t.k, lod);
      this.#bundlesG.attr('display', overview ? null : 'none');
      this.#framesG.classed('erd-overview', overview);
    }
    const hl = d.selected && d.selected !== sel ? d.selected : null;
    // Outline level: edges are sub-pixel apart and dominate paint cost; only the selected table's are drawn.
    const edges = this.#edges.filter((x) => (kb?.kind === 'edge' && kb.id === x.e.id) || ((((lod !== 'outline' && !overview) || x.e.from === sel || x.e.to === sel)
      && intersects(x.box, v) && d.shown.has(x.e.to) && d.shown.has(x.e.from))));
    // Panning within the same culled set at the same level of detail: the transform on the root
    // group (set in the zoom handler) is all that changes, so skip the joins entirely.
    const frameSig = `${this.#version}|${lod}|${sel}|${hl}|${this.#dragTick}|${kb?.kind}:${kb?.id}|${this.#focusPending}`;
    if (frameSig === this.#lastSig && sameIds(ids, this.#lastIds) && edges.length === this.#lastEdges) return;
    this.#lastSig = frameSig; this.#lastIds = ids; this.#lastEdges = edges.length;

    const groups = this.#tablesG.selectAll<SVGGElement, string>('g.erd-table').data(ids, (x) => x);
    groups.exit<string>().each((id) => this.#drawn.delete(id)).remove();
    const entered = groups.enter().append('g').attr('class', 'erd-table').attr('data-id', (id) => id).style('cursor', 'pointer')
      .attr('data-kb', 'table').attr('role', 'group').attr('aria-roledescription', 'table').attr('tabindex', -1)
      // a group, not a button: a button's name must contain its visible text (column rows included)
      .attr('aria-label', (id) => this.#tableLabel(id))
      .on('click', (ev: MouseEvent, id) => {
        if (ev.defaultPrevented) return;
        const col = (ev.target as Element).closest?.('.erd-col')?.getAttribute('data-id');
        this.#cb.onselect?.(col ?? id);
      })
      .call(this.#dragBehaviour());
    const all = entered.merge(groups);
    const view = this;
    all.each(function (id) {
      const box = view.#boxes[id];
      const g = d3.select(this);
      const tr = `translate(${box.x},${box.y})`;
      if (this.getAttribute('transform') !== tr) g.attr('transform', tr);
      const sig = `${view.#version}|${lod}|${id === sel}|${id === sel ? hl : ''}`;
      if (view.#drawn.get(id) === sig) return;
      view.#drawn.set(id, sig);
      const t = view.#tables.get(id)!;
      drawTable(g as unknown as d3.Selection<SVGGElement, unknown, null, undefined>, t, { ...box, x: 0, y: 0 }, overview ? 'outline' : lod,
        { selected: id === sel, highlightColumn: id === sel ? hl : null });
      if (lod === 'full') view.#drawStubs(g as unknown as d3.Selection<SVGGElement, unknown, null, undefined>, t, box);
    });
    if (sel && ids.includes(sel)) {
      // raise() re-inserts the node, which drops keyboard focus: put it back
      const node = this.#tablesG.select<SVGGElement>(`g.erd-table[data-id="${CSS.escape(sel)}"]`);
      const focused = node.node()?.contains(document.activeElement) ? document.activeElement as SVGElement : null;
      if (node.node()?.nextSibling) node.raise();
      if (focused && document.activeElement !== focused) focused.focus({ preventScroll: true });
    }

    const paths = this.#edgesG.selectAll<SVGPathElement, EdgeItem>('path.erd-edge').data(edges, (x) => x.e.id);
    paths.exit().remove();
    const pe = paths.enter().append('path').attr('class', 'erd-edge').attr('fill', 'none').attr('vector-effect', 'non-scaling-stroke')
      .attr('data-kb', 'edge').attr('role', 'button').attr('tabindex', -1).attr('aria-label', (x) => edgeLabel(x.e))
      .on('click', (_ev: MouseEvent, x) => this.#cb.onselect?.(x.e.id));
    pe.append('title');
    const thin = lod === 'outline' || overview;
    const edgeSig = `${this.#version}|${thin}|${sel}|${this.#dragTick}`;
    pe.merge(paths).each(function (x) {
      if (this.dataset.sig === edgeSig) return;
      this.dataset.sig = edgeSig;
      const p = d3.select(this);
      const st = edgeStyle(x.e.presence, x.e.nullable);
      const faded = x.e.presence !== 'same';
      const focus = sel !== null && (x.e.from === sel || x.e.to === sel);
      p.attr('d', x.d).attr('data-id', x.e.id).attr('stroke', focus ? SELECTED_EDGE : st.stroke).attr('stroke-width', focus ? 2.4 : 1.4)
        .attr('stroke-dasharray', st.dash).attr('opacity', st.opacity)
        .attr('marker-start', thin ? null : `url(#${markerId(x.e.parentEnd, faded)})`)
        .attr('marker-end', thin ? null : `url(#${markerId(x.e.childEnd, faded)})`);
      p.select('title').text(`${x.e.name}: ${x.e.from}(${x.e.fromColumns.join(', ')}) → ${x.e.to}(${x.e.toColumns.join(', ')})`);
    });
    this.#rove(kb);
    this.#cb.onframe?.({ k: this.#t.k, lod, drawnTables: ids.length, drawnEdges: edges.length });
  }

  /** Accessible name of a table: its name, size, relationships, drift. */
  #tableLabel(id: string): string {
    const t = this.#tables.get(id);
    if (!t) return id;
    const n = this.#data?.graph.edges.filter((e) => e.from === id || e.to === id).length ?? 0;
    const state = t.presence === 'missing' ? ', missing from the dump' : t.presence === 'extra' ? ', not in canonical' : '';
    return `Table ${id}: ${t.columns.length} column${t.columns.length === 1 ? '' : 's'}, ${n} relationship${n === 1 ? '' : 's'}${state}${t.severity ? `, worst drift ${t.severity}` : ''}`;
  }

  /** The roving item: the current one while it exists, else the selected table, else the first table (or card). */
  #kbItem(overview: boolean): { kind: 'table' | 'edge' | 'group'; id: string; anchor?: string } | null {
    const d = this.#data;
    if (!d) return null;
    const k = this.#kb;
    if (k && ((k.kind === 'table' && this.#boxes[k.id] && !overview) || (k.kind === 'edge' && this.#edges.some((x) => x.e.id === k.id))
      || (k.kind === 'group' && overview && d.layout.frames.some((f) => f.id === k.id)))) return k;
    if (overview) {
      const cards: Record<string, Box> = {};
      for (const f of d.layout.frames) if (f.level === 'group') cards[f.id] = f.box;
      const id = first(cards);
      return (this.#kb = id ? { kind: 'group', id } : null);
    }
    const sel = this.#selectedTable();
    const id = sel && this.#boxes[sel] ? sel : first(this.#boxes);
    return (this.#kb = id ? { kind: 'table', id } : null);
  }

  /** tabindex 0 on the roving item, -1 on the others; focus it when a key moved it. */
  #rove(kb: { kind: string; id: string } | null): void {
    const root = this.svg.node()!;
    const cur = root.querySelector<SVGElement>('[data-kb][tabindex="0"]');
    const want = kb ? root.querySelector<SVGElement>(`[data-kb="${kb.kind}"][data-id="${CSS.escape(kb.id)}"]`) : null;
    if (cur && cur !== want) cur.setAttribute('tabindex', '-1');
    if (want && want.getAttribute('tabindex') !== '0') want.setAttribute('tabindex', '0');
    if (want && this.#focusPending) { this.#focusPending = false; want.focus({ preventScroll: true }); }
  }

  /** Bring the roving item into view (pan only; out of the overview for a table or edge). */
  #reveal(): void {
    const kb = this.#kb, d = this.#data;
    if (!kb || !d) return;
    let box: Box | undefined;
    if (kb.kind === 'group') box = d.layout.frames.find((f) => f.id === kb.id)?.box;
    else if (kb.kind === 'table') box = this.#boxes[kb.id];
    else box = this.#edges.find((x) => x.e.id === kb.id)?.box;
    if (!box) return;
    const w = this.#host.clientWidth, h = this.#host.clientHeight;
    let k = this.#t.k;
    if (kb.kind !== 'group' && levelFor(k, d.layout.frames.length > 0) === 'groups') k = LOD_FULL;
    const sx = this.#t.x, sy = this.#t.y;
    const inView = k === this.#t.k && box.x * k + sx >= 0 && (box.x + Math.min(box.width, w / k)) * k + sx <= w
      && box.y * k + sy >= 0 && (box.y + Math.min(box.height, h / k)) * k + sy <= h;
    if (inView) return;
    this.#apply({ k, x: w / 2 - (box.x + box.width / 2) * k, y: box.height * k > h ? 24 - box.y * k : h / 2 - (box.y + box.height / 2) * k }, 0);
  }

  /** Make `item` the roving item, bring it into view and focus it once drawn. */
  #moveTo(item: { kind: 'table' | 'edge' | 'group'; id: string; anchor?: string }): void {
    this.#kb = item;
    this.#focusPending = true;
    this.#reveal();
    this.#lastSig = '';
    this.schedule();
  }

  /**
   * Keys on a table, edge or group card (the roving item). Tables: arrows move to the nearest table
   * that way, Enter/Space select, E walks its relationships. Edges: arrows walk the anchor table's
   * relationships, Enter/Space select the foreign key, P/C go to the parent/child table. Cards:
   * arrows move between cards, Enter zooms into the group. Escape returns to the canvas.
   */
  #itemKey(ev: KeyboardEvent, kind: 'table' | 'edge' | 'group', id: string): boolean {
    const d = this.#data!;
    const dir = DIRECTION[ev.key];
    if (ev.key === 'Escape') { this.#host.focus(); return true; }
    if (kind === 'group') {
      if (dir) {
        const cards: Record<string, Box> = {};
        for (const f of d.layout.frames) if (f.level === 'group') cards[f.id] = f.box;
        const next = nearest(cards, id, dir);
        if (next) this.#moveTo({ kind: 'group', id: next });
        return true;
      }
      if (ev.key === 'Enter' || ev.key === ' ') {
        this.zoomToGroup(id, 0);
        const inGroup: Record<string, Box> = {};
        for (const [t, b] of Object.entries(this.#boxes)) if (d.layout.groupOf[t] === id) inGroup[t] = b;
        const t = first(inGroup);
        if (t) { this.#kb = { kind: 'table', id: t }; this.#focusPending = true; this.#lastSig = ''; this.schedule(); }
        return true;
      }
      return false;
    }
    if (kind === 'table') {
      if (dir) {
        const next = nearest(this.#boxes, id, dir);
        if (next) this.#moveTo({ kind: 'table', id: next });
        return true;
      }
      if (ev.key === 'Enter' || ev.key === ' ') { this.#cb.onselect?.(id); return true; }
      if (ev.key === 'e' || ev.key === 'E') {
        const list = edgesOf(d.graph.edges, id).filter((e) => d.shown.has(e.from) && d.shown.has(e.to));
        if (!list.length) return true;
        // Selecting the table draws all its relationships in full (stubs included); focus follows once drawn.
        if (this.#selectedTable() !== id) this.#cb.onselect?.(id);
        this.#kb = { kind: 'edge', id: list[0].id, anchor: id };
        this.#focusPending = true;
        this.#lastSig = '';
        this.schedule();
        return true;
      }
      return false;
    }
    const edge = d.graph.edges.find((e) => e.id === id);
    if (!edge) return false;
    const anchor = this.#kb?.anchor ?? edge.from;
    if (dir) {
      const list = edgesOf(d.graph.edges, anchor).filter((e) => d.shown.has(e.from) && d.shown.has(e.to));
      const i = list.findIndex((e) => e.id === id);
      const next = list[(i + (dir === 'right' || dir === 'down' ? 1 : list.length - 1)) % list.length];
      if (next) this.#moveTo({ kind: 'edge', id: next.id, anchor });
      return true;
    }
    if (ev.key === 'Enter' || ev.key === ' ') { this.#cb.onselect?.(edge.id); return true; }
    if (ev.key === 'p' || ev.key === 'P' || ev.key === 'c' || ev.key === 'C') {
      const t = ev.key.toLowerCase() === 'p' ? edge.to : edge.from;
      this.#cb.onselect?.(t);
      this.#moveTo({ kind: 'table', id: t });
      return true;
    }
    return false;
  }

  /** The overview's inter-group bundles (hidden below the overview level). */
  #drawBundles(): void {
    const frames = new Map((this.#data?.layout.frames ?? []).map((f) => [f.id, f] as const));
    const name = (id: string): string => frames.get(id)?.label ?? id;
    const p = this.#bundlesG.selectAll<SVGPathElement, Bundle>('path.erd-bundle').data(this.#bundles, (b) => b.id);
    p.exit().remove();
    const entered = p.enter().append('path').attr('class', 'erd-bundle').attr('fill', 'none').attr('vector-effect', 'non-scaling-stroke')
      .attr('stroke-linecap', 'round');
    entered.append('title');
    entered.merge(p).attr('d', (b) => b.d).attr('data-count', (b) => b.count).attr('stroke', EDGE).attr('stroke-opacity', 0.35)
      .attr('stroke-width', (b) => bundleWidth(b.count))
      .select('title').text((b) => `${b.count} foreign key${b.count === 1 ? '' : 's'} between ${name(b.a)} and ${name(b.b)}`);
  }

  /** Zoom so `box` (diagram coordinates) fills the screen, at a scale of at least `minK` (centred). */
  zoomToBox(box: Box, ms = 400, minK = 0): void {
    const w = this.#host.clientWidth, h = this.#host.clientHeight;
    const t = fitTransform(box, w, h, 24, 1.2);
    if (t.k >= minK) return this.#apply(t, ms);
    this.#apply({ k: minK, x: w / 2 - (box.x + box.width / 2) * minK, y: h / 2 - (box.y + box.height / 2) * minK }, ms);
  }

  /**
   * Semantic zoom into a group (a card's click, Enter on a card): its tables fill the screen, and
   * the scale is at least past the overview, so they are drawn (names, columns when closer).
   */
  zoomToGroup(id: string, ms = 400): void {
    const d = this.#data;
    if (!d) return;
    const ids = Object.keys(this.#boxes).filter((t) => d.layout.groupOf[t] === id);
    const box = ids.length ? this.contentBox(ids) : d.layout.frames.find((f) => f.id === id)?.box;
    if (box) this.zoomToBox(box, ms, LOD_GROUPS * 1.2);
  }

  /** Short stubs at FK rows for edges into hub tables, labelled with the hub's name. */
  #drawStubs(g: d3.Selection<SVGGElement, unknown, null, undefined>, t: ErdTable, box: Box): void {
    for (const e of this.#stubs.get(t.id) ?? []) {
      const p = portPoint(t, { ...box, x: 0, y: 0 }, e.fromColumns[0], 'W');
      const st = edgeStyle(e.presence, e.nullable);
      const faded = e.presence !== 'same';
      g.append('path').attr('class', 'erd-stub').attr('d', `M${p.x - STUB},${p.y}L${p.x},${p.y}`).attr('fill', 'none')
        .attr('stroke', st.stroke).attr('stroke-width', 1.4).attr('stroke-dasharray', st.dash)
        .attr('marker-start', `url(#${markerId(e.parentEnd, faded)})`).attr('marker-end', `url(#${markerId(e.childEnd, faded)})`);
      const hub = this.#tables.get(e.to);
      const name = hub ? hub.name : e.to;
      g.append('text').attr('x', p.x - STUB - 3).attr('y', p.y - 6).attr('text-anchor', 'end').attr('font-family', FONT)
        .attr('font-size', 10).attr('fill', MUTED).text(name.length > 14 ? `${name.slice(0, 13)}…` : name)
        .append('title').text(`${e.name} → ${e.to}(${e.toColumns.join(', ')}) — ${this.#hubs.has(e.to) ? 'hub table' : 'laid out in another group'}, select this table to draw the full line`);
    }
  }

  #dragBehaviour(): (sel: d3.Selection<SVGGElement, string, SVGGElement, unknown>) => void {
    let start: { x: number; y: number } | null = null;
    return d3.drag<SVGGElement, string>()
      .on('start', (_ev, id) => { start = { x: this.#boxes[id].x, y: this.#boxes[id].y }; })
      .on('drag', (ev: d3.D3DragEvent<SVGGElement, string, unknown>, id) => {
        const b = this.#boxes[id];
        b.x += ev.dx; b.y += ev.dy;
        this.#data!.positions[id] = { x: Math.round(b.x), y: Math.round(b.y) };
        this.#rebuildEdges();
        this.#dragTick++;
        this.schedule();
      })
      .on('end', (_ev, id) => {
        const b = this.#boxes[id];
        if (start && (start.x !== b.x || start.y !== b.y)) this.#cb.onmove?.({ ...this.#data!.positions });
        start = null;
      });
  }

  /** Bounding box of what is shown. */
  contentBox(ids: Iterable<string> = Object.keys(this.#boxes)): Box {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const id of ids) {
      const b = this.#boxes[id];
      if (!b) continue;
      x0 = Math.min(x0, b.x); y0 = Math.min(y0, b.y); x1 = Math.max(x1, b.x + b.width); y1 = Math.max(y1, b.y + b.height);
    }
    return x0 === Infinity ? { x: 0, y: 0, width: 1, height: 1 } : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  }

  #apply(t: { x: number; y: number; k: number }, ms = 300): void {
    const z = d3.zoomIdentity.translate(t.x, t.y).scale(t.k);
    if (ms) this.svg.transition().duration(ms).call(this.#zoom.transform, z);
    else this.svg.call(this.#zoom.transform, z);
  }

  fit(ms = 300): void {
    this.#apply(fitTransform(this.#extent(), this.#host.clientWidth, this.#host.clientHeight), ms);
  }

  /**
   * The first view of a diagram: fit to screen — unless that would draw an ungrouped diagram too
   * small to read its table names (a phone): then the smallest scale names are readable at, from
   * the diagram's left edge, centred vertically when it fits; the rest is a pan away. A grouped
   * diagram fits whole: its overview is the group cards.
   */
  open(ms = 0): void {
    const box = this.#extent();
    const w = this.#host.clientWidth, h = this.#host.clientHeight;
    const t = fitTransform(box, w, h);
    const k = LOD_READABLE;
    if (t.k >= k || this.#data?.layout.frames.length) return this.#apply(t, ms);
    this.#apply({ k, x: 16 - box.x * k, y: box.height * k > h ? 16 - box.y * k : h / 2 - (box.y + box.height / 2) * k }, ms);
  }

  /** The diagram's extent: its tables and, in a partitioned diagram, the group frames with their labels. */
  #extent(): Box {
    const c = this.contentBox();
    let x0 = c.x, y0 = c.y, x1 = c.x + c.width, y1 = c.y + c.height;
    for (const f of this.#data?.layout.frames ?? []) {
      x0 = Math.min(x0, f.box.x); y0 = Math.min(y0, f.box.y);
      x1 = Math.max(x1, f.box.x + f.box.width); y1 = Math.max(y1, f.box.y + f.box.height);
    }
    return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  }

  /**
   * Focus mode: fit the neighbourhood when its tables stay readable (columns shown), otherwise
   * centre `id` at the full-detail scale — focus mode never shrinks tables to specks or cards.
   */
  fitReadable(id: string, ms = 300): void {
    const t = fitTransform(this.contentBox(), this.#host.clientWidth, this.#host.clientHeight);
    if (t.k >= LOD_FULL || !this.#boxes[id]) return this.#apply(t, ms);
    const b = this.#boxes[id];
    const w = this.#host.clientWidth, h = this.#host.clientHeight, k = LOD_FULL * 1.1;
    this.#apply({ k, x: w / 2 - (b.x + b.width / 2) * k, y: Math.min(24 - b.y * k, h / 2 - (b.y + b.height / 2) * k) }, ms);
  }

  /** Centre a table at a readable scale. */
  focusOn(id: string, ms = 400): void {
    const b = this.#boxes[id];
    if (!b) return;
    const w = this.#host.clientWidth, h = this.#host.clientHeight;
    const k = Math.max(0.8, Math.min(1.2, this.#t.k, (h - 40) / b.height));
    this.#apply({ k, x: w / 2 - (b.x + b.width / 2) * k, y: h / 2 - (b.y + Math.min(b.height, h / k) / 2) * k }, ms);
  }

  zoomBy(f: number): void { this.svg.transition().duration(150).call(this.#zoom.scaleBy, f); }
  panBy(dx: number, dy: number): void { this.svg.call(this.#zoom.translateBy, dx / this.#t.k, dy / this.#t.k); }

  /** Keyboard: on a table/edge/card see #itemKey; on the canvas arrows pan, +/- zoom, 0 fit. Returns true when handled. */
  key(ev: KeyboardEvent): boolean {
    const el = ev.target as Element | null;
    const kind = el?.getAttribute?.('data-kb') as 'table' | 'edge' | 'group' | null;
    const id = el?.getAttribute?.('data-id');
    if (kind && id && this.#data && !ev.altKey && !ev.ctrlKey && !ev.metaKey) {
      if (this.#itemKey(ev, kind, id)) return true;
    }
    const step = ev.shiftKey ? 240 : 80;
    switch (ev.key) {
      case 'ArrowLeft': this.panBy(step, 0); return true;
      case 'ArrowRight': this.panBy(-step, 0); return true;
      case 'ArrowUp': this.panBy(0, step); return true;
      case 'ArrowDown': this.panBy(0, -step); return true;
      case '+': case '=': this.zoomBy(1.25); return true;
      case '-': case '_': this.zoomBy(0.8); return true;
      case '0': this.fit(); return true;
      default: return false;
    }
  }

  destroy(): void {
    cancelAnimationFrame(this.#raf);
    this.#resize.disconnect();
    this.svg.interrupt().remove();
  }
}
