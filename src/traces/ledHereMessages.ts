/** The messages between the What Led Here panel (extension host) and its webview. */
import type { LedModel } from './ledHereModel';

export type LedWaitKind = 'sync' | 'sched' | 'syscall' | 'net';

export type LedHostMessage = {
  type: 'model';
  model: LedModel;
  /** Where the program stopped, e.g. `main.worker:24`. */
  location: string;
};

export type LedViewMessage =
  | { type: 'ready' }
  | { type: 'openSource'; file: string; line: number }
  | { type: 'openTraceViewer' }
  | { type: 'showWaits'; kind: LedWaitKind };
