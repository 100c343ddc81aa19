/**
 * What Led Here, the model: what the webview draws for one stopped goroutine, and the types it
 * is drawn from. Pure data (no Node, no vscode) so the host, the tests and the webview share it.
 * Times are nanoseconds from the start of the shown window.
 */

export interface LedFrame {
  func: string;
  file: string;
  line: number;
}

export type LedState = 'running' | 'runnable' | 'waiting' | 'syscall';

/** What a waiting goroutine waited on, from the runtime's block reason. */
export type WaitWhat = 'channel' | 'select' | 'mutex' | 'cond' | 'network' | 'sleep' | 'GC assist' | 'GC' | 'syscall' | 'debugger' | 'other';

export interface LedSegment {
  start: number;
  end: number;
  state: LedState;
  /** The runtime's reason, e.g. "chan receive", "preempted". */
  reason?: string;
  what?: WaitWhat;
  /** Index into `stacks`: where it blocked (waiting, syscall) or where it was running when it stopped running. */
  stack?: number;
  /** The first frame of the program's own code in that stack (not runtime, sync, time, internal). */
  func?: string;
}

export interface LedRange {
  start: number;
  end: number;
  name: string;
}

/** Other goroutines of the window, grouped by the function they were started with. */
export interface LedGroup {
  func: string;
  goroutines: number;
  runningNs: number;
  /** Merged running intervals of the group's goroutines. */
  running: [number, number][];
}

export interface LedModel {
  goroutine: number;
  /** Whether the trace had any event of that goroutine in the window. */
  found: boolean;
  /** Window length in ns. */
  duration: number;
  /**
   * The window ends where the goroutine stopped for the debugger (its first "wait for debug
   * call" after its last wait of its own); false: that was not found, it ends with the trace.
   */
  stopped: boolean;
  segments: LedSegment[];
  /** GC mark assists the goroutine did while running. */
  assists: LedRange[];
  groups: LedGroup[];
  /** Omitted from `groups` for lack of room. */
  moreGroups: number;
  gc: LedRange[];
  stw: LedRange[];
  stacks: LedFrame[][];
}

const WHAT: Record<string, WaitWhat> = {
  'chan receive': 'channel',
  'chan send': 'channel',
  select: 'select',
  'select (no cases)': 'select',
  sync: 'mutex',
  'sync.(*Cond).Wait': 'cond',
  network: 'network',
  sleep: 'sleep',
  'GC mark assist wait for work': 'GC assist',
  'wait until GC ends': 'GC',
  'GC weak to strong wait': 'GC',
  'wait for debug call': 'debugger',
};

/**
 * Runtime functions whose channel waits are the garbage collector's own: starting a GC, the
 * runtime starts its mark workers one by one and receives from a channel after each. The
 * stack then shows whatever allocation triggered the GC, so "blocked on channel in
 * compress/flate…" would name code that has no channel; the wait is the GC's.
 */
const GC_CHANNEL_WAIT = /^runtime\.(gcBgMarkStartWorkers|gcStart)$/;

export function waitWhat(reason: string | undefined, state: LedState, stack?: LedFrame[]): WaitWhat | undefined {
  if (state === 'syscall') {
    return 'syscall';
  }
  if (state !== 'waiting') {
    return undefined;
  }
  const what = (reason !== undefined && WHAT[reason]) || 'other';
  if (what === 'channel' && stack?.some((f) => GC_CHANNEL_WAIT.test(f.func))) {
    return 'GC';
  }
  return what;
}

/** Packages whose frames are how Go waits, not what the program was doing. */
const PLUMBING = /^(runtime|sync|time|internal\/[\w/]+|sync\/atomic|os\/signal|syscall|context|net|net\/http\/internal)\.|^main\.zzGoDebugProfile/;

/** The first frame of the program's own code, else the top frame. */
export function ownFunc(stack: LedFrame[] | undefined): string | undefined {
  if (!stack?.length) {
    return undefined;
  }
  return (stack.find((f) => !PLUMBING.test(f.func)) ?? stack[0]).func;
}
