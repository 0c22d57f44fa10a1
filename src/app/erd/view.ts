/**
 * The imperative d3 view: one SVG, zoom/pan (wheel, drag, keyboard), viewport culling and level of
 * detail on every frame, table dragging. The Svelte wrapper (Erd.svelte) creates one and pushes data.
 */
import * as d3 from 'd3';
import { drawDefs, drawTable, markerId } from './draw';
import { hubIds } from './hubs';
import { cull, fitTransform, intersects, lodFor, visibleRect, type Lod } from './lod';
import { drawFrames, placeLabels } from './frames';
import { edgeStyle, FONT, MUTED } from './paint';
import { edgeRoute, pathD, portPoint, routeBox } from './route';
import type { Box, ErdEdge, ErdGraph, ErdTable, Layout, Point } from './types';

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
  onframe?: (info: { k: number; lod: Lod; drawnTables: number; drawnEdges: number }) => void;
}

interface EdgeItem { e: ErdEdge; pts: Point[]; box: Box; d: string }

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

  constructor(host: HTMLElement, cb: ViewCallbacks = {}) {
    this.#host = host;
    this.#cb = cb;
    this.svg = d3.select(host).append('svg').attr('class', 'erd-svg').attr('role', 'img')
      .attr('aria-label', 'Entity relationship diagram').attr('width', '100%').attr('height', '100%')
      .attr('xmlns', 'http://www.w3.org/2000/svg').style('display', 'block').style('background', '#f8fafc');
    drawDefs(this.svg.append('defs'));
    this.#root = this.svg.append('g').attr('class', 'erd-root');
    this.#framesG = this.#root.append('g').attr('class', 'erd-frames');
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
    const lod = lodFor(this.#t.k);
    const sel = this.#selectedTable();
    const ids = cull(this.#boxes, Object.keys(this.#boxes), v);
    if (this.#labelK !== this.#t.k) { this.#labelK = this.#t.k; placeLabels(this.#labelsG, this.#t.k, lod !== 'full'); }
    const hl = d.selected && d.selected !== sel ? d.selected : null;
    // Outline level: edges are sub-pixel apart and dominate paint cost; only the selected table's are drawn.
    const edges = this.#edges.filter((x) => (lod !== 'outline' || x.e.from === sel || x.e.to === sel)
      && intersects(x.box, v) && d.shown.has(x.e.to) && d.shown.has(x.e.from));
    // Panning within the same culled set at the same level of detail: the transform on the root
    // group (set in the zoom handler) is all that changes, so skip the joins entirely.
    const frameSig = `${this.#version}|${lod}|${sel}|${hl}|${this.#dragTick}`;
    if (frameSig === this.#lastSig && sameIds(ids, this.#lastIds) && edges.length === this.#lastEdges) return;
    this.#lastSig = frameSig; this.#lastIds = ids; this.#lastEdges = edges.length;

    const groups = this.#tablesG.selectAll<SVGGElement, string>('g.erd-table').data(ids, (x) => x);
    groups.exit<string>().each((id) => this.#drawn.delete(id)).remove();
    const entered = groups.enter().append('g').attr('class', 'erd-table').attr('data-id', (id) => id).style('cursor', 'pointer')
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
      drawTable(g as unknown as d3.Selection<SVGGElement, unknown, null, undefined>, t, { ...box, x: 0, y: 0 }, lod,
        { selected: id === sel, highlightColumn: id === sel ? hl : null });
      if (lod === 'full') view.#drawStubs(g as unknown as d3.Selection<SVGGElement, unknown, null, undefined>, t, box);
    });
    if (sel && ids.includes(sel)) this.#tablesG.select<SVGGElement>(`g.erd-table[data-id="${CSS.escape(sel)}"]`).raise();

    const paths = this.#edgesG.selectAll<SVGPathElement, EdgeItem>('path.erd-edge').data(edges, (x) => x.e.id);
    paths.exit().remove();
    const pe = paths.enter().append('path').attr('class', 'erd-edge').attr('fill', 'none').attr('vector-effect', 'non-scaling-stroke');
    pe.append('title');
    const edgeSig = `${this.#version}|${lod === 'outline'}|${sel}|${this.#dragTick}`;
    pe.merge(paths).each(function (x) {
      if (this.dataset.sig === edgeSig) return;
      this.dataset.sig = edgeSig;
      const p = d3.select(this);
      const st = edgeStyle(x.e.presence, x.e.nullable);
      const faded = x.e.presence !== 'same';
      const focus = sel !== null && (x.e.from === sel || x.e.to === sel);
      p.attr('d', x.d).attr('data-id', x.e.id).attr('stroke', focus ? '#d97706' : st.stroke).attr('stroke-width', focus ? 2.4 : 1.4)
        .attr('stroke-dasharray', st.dash).attr('opacity', st.opacity)
        .attr('marker-start', lod === 'outline' ? null : `url(#${markerId(x.e.parentEnd, faded)})`)
        .attr('marker-end', lod === 'outline' ? null : `url(#${markerId(x.e.childEnd, faded)})`);
      p.select('title').text(`${x.e.name}: ${x.e.from}(${x.e.fromColumns.join(', ')}) → ${x.e.to}(${x.e.toColumns.join(', ')})`);
    });
    this.#cb.onframe?.({ k: this.#t.k, lod, drawnTables: ids.length, drawnEdges: edges.length });
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
    const c = this.contentBox();
    // Group frames (a partitioned diagram) enclose their tables and carry the labels: fit them too.
    let x0 = c.x, y0 = c.y, x1 = c.x + c.width, y1 = c.y + c.height;
    for (const f of this.#data?.layout.frames ?? []) {
      x0 = Math.min(x0, f.box.x); y0 = Math.min(y0, f.box.y);
      x1 = Math.max(x1, f.box.x + f.box.width); y1 = Math.max(y1, f.box.y + f.box.height);
    }
    this.#apply(fitTransform({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 }, this.#host.clientWidth, this.#host.clientHeight), ms);
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

  /** Keyboard: arrows pan, +/- zoom, 0 fit. Returns true when handled. */
  key(ev: KeyboardEvent): boolean {
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
