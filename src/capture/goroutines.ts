/**
 * The goroutine profile of a stop, built from Delve's own view (DAP threads and their stack
 * traces): the runtime's goroutine profile, taken by injection, would only see the helper.
 * Goroutines with identical stacks (and labels) become one sample counting them.
 */
import { CaptureHost } from './api';
import { ProfileBuilder, type NamedFrame } from '../profile';
import { encodeProfileFile } from './profileBytes';

interface DapThread {
  id: number;
  name: string;
}

interface DapFrame {
  name: string;
  line: number;
  source?: { path?: string };
  presentationHint?: string;
}

/** Delve lists at most this many goroutines as threads (its maxGoroutines). */
const DELVE_THREAD_LIMIT = 1024;
const STACK_DEPTH = 128;

export interface GoroutineGroup {
  stack: NamedFrame[];
  labels: Record<string, string>;
  count: number;
}

export interface GoroutineSnapshot {
  groups: GoroutineGroup[];
  /** Goroutines of the program seen (Delve's own call goroutines left out). */
  listed: number;
  /** Delve's list hit its limit, so some goroutines are missing. */
  truncated: boolean;
}

/**
 * Lists goroutines with every pprof label in their names: Delve shows labels only for the
 * keys in showPprofLabels, so it is set to "*" for the listing and then put back.
 */
async function threadsWithLabels(host: CaptureHost, userLabelKeys: readonly string[]): Promise<DapThread[]> {
  const config = (rest: string) => host.request('evaluate', { expression: `dlv config showPprofLabels ${rest}`, context: 'repl' });
  await config('*');
  try {
    const { threads = [] } = (await host.request('threads', {})) as { threads?: DapThread[] };
    return threads;
  } finally {
    await config('-clear');
    for (const key of userLabelKeys) {
      await config(key);
    }
  }
}

export async function collectGoroutines(host: CaptureHost, userLabelKeys: readonly string[] = []): Promise<GoroutineSnapshot> {
  const threads = await threadsWithLabels(host, userLabelKeys);
  const groups = new Map<string, GoroutineGroup>();
  let listed = 0;
  for (const thread of threads) {
    let frames: DapFrame[];
    try {
      const body = (await host.request('stackTrace', { threadId: thread.id, startFrame: 0, levels: STACK_DEPTH })) as { stackFrames?: DapFrame[] };
      frames = body.stackFrames ?? [];
    } catch {
      // A goroutine that exited between `threads` and `stackTrace` is simply not there.
      continue;
    }
    // Goroutines Delve started for its own function calls are not the program's.
    if (frames.length === 0 || frames.some((f) => f.name.startsWith('runtime.debugCall'))) {
      continue;
    }
    listed++;
    const stack = frames.map((f) => ({ func: f.name, file: f.source?.path ?? '', line: f.line }));
    const labels = threadLabels(thread.name);
    const key = JSON.stringify([stack, labels]);
    const group = groups.get(key);
    if (group) {
      group.count++;
    } else {
      groups.set(key, { stack, labels, count: 1 });
    }
  }
  return { groups: [...groups.values()], listed, truncated: threads.length >= DELVE_THREAD_LIMIT };
}

/** `* [Go 7 k:v k2:v2] main.f (Thread 9)`: Delve's thread name with showPprofLabels "*". */
export function threadLabels(name: string): Record<string, string> {
  const m = /^\*?\s*\[Go \d+([^\]]*)\]/.exec(name);
  const labels: Record<string, string> = {};
  for (const pair of (m?.[1] ?? '').trim().split(/\s+/).filter(Boolean)) {
    const colon = pair.indexOf(':');
    if (colon > 0) {
      labels[pair.slice(0, colon)] = pair.slice(colon + 1);
    }
  }
  return labels;
}

export function goroutineProfile({ groups, listed, truncated }: GoroutineSnapshot): Buffer {
  const count = { type: 'goroutine', unit: 'count' };
  const builder = new ProfileBuilder([count], count, 1);
  builder.comment('Built from Delve\'s goroutines at a debugger stop');
  if (truncated) {
    builder.comment(`Delve lists at most ${DELVE_THREAD_LIMIT} goroutines; this profile shows ${listed} of them`);
  }
  for (const g of groups) {
    builder.addSample(g.stack, [g.count], g.labels);
  }
  return encodeProfileFile(builder.build());
}
