/** Messages between the page and the layout worker (tagged union on `type`). */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Layout } from './types';

export interface LayoutRequest { type: 'layout'; id: number; elk: ElkNode }
export type LayoutResponse =
  | { type: 'done'; id: number; layout: Layout }
  | { type: 'error'; id: number; message: string };
