/** Messages between the page and a layout worker (tagged union on `type`). One request = one group. */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Part } from './pack';

export interface LayoutRequest { type: 'layout'; id: number; elk: ElkNode }
export type LayoutResponse =
  | { type: 'done'; id: number; part: Part; /** ms ELK took inside the worker */ ms: number }
  | { type: 'error'; id: number; message: string };
