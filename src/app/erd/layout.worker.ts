/**
 * Layout Web Worker: runs ELK (the worker-free elk.bundled.js, so no nested worker) off the page,
 * one group (partition.ts) per request.
 * Messages: { type: 'layout', id, elk } → { type: 'done', id, part, ms } | { type: 'error', id, message }.
 */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode } from 'elkjs/lib/elk-api';
import { fromElk } from './elk-graph';
import type { LayoutRequest, LayoutResponse } from './layout-protocol';

const elk = new ELK();

self.onmessage = async (ev: MessageEvent<LayoutRequest>) => {
  const { id, elk: input } = ev.data;
  const t0 = performance.now();
  try {
    const out: ElkNode = await elk.layout(input);
    const msg: LayoutResponse = { type: 'done', id, part: fromElk(out), ms: performance.now() - t0 };
    self.postMessage(msg);
  } catch (e) {
    const msg: LayoutResponse = { type: 'error', id, message: e instanceof Error ? e.message : String(e) };
    self.postMessage(msg);
  }
};
