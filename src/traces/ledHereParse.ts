/**
 * Builds the What Led Here model from `go tool trace -d=parsed`, fed line by line.
 *
 * Why that text and not a trace parser of our own or golang.org/x/exp/trace: the dump is Go's
 * own internal/trace parser, shipped with the very toolchain that built the program, so it reads
 * every trace format that toolchain writes (a TypeScript parser, or x/exp/trace pinned in a
 * helper module, lags behind each new Go's format), it needs no module download (works offline)
 * and no build step. Its shape is Event.String in internal/trace/event.go: a header line
 * "M=.. P=.. G=.. Kind Time=.. fields", then optional "TransitionStack=" / "Stack=" blocks of
 * "\tfunc @ 0xpc" + "\t\tfile:line" lines. The DAP tests pin this shape against the installed Go.
 */
import { LedFrame, LedGroup, LedModel, LedRange, LedSegment, LedState, ownFunc, waitWhat } from './ledHereModel';

const HEADER = /^M=-?\d+ P=-?\d+ G=(-?\d+) (\w+) Time=(-?\d+)(.*)$/;
const GO_TRANSITION = /^ GoID=(\d+) (\w+)->(\w+) Reason=("(?:[^"\\]|\\.)*")/;
const SYNC_CLOCK = / Trace=(\d+) Mono=\d+ Wall=(\S+)/;
const RANGE = /^ Name=("(?:[^"\\]|\\.)*") Scope=(\S+)/;
const TOP_GROUPS = 8;

interface Pending {
  g: number;
  kind: string;
  time: number;
  rest: string;
  transition?: LedFrame[];
  stack?: LedFrame[];
  into?: 'transition' | 'stack';
}

interface GState {
  state: LedState;
  since: number;
  reason?: string;
  stack?: LedFrame[];
}

interface OpenRange {
  start: number;
  name: string;
}

export class LedHereParser {
  private pending?: Pending;
  private first?: number;
  private last = 0;
  private readonly states = new Map<number, GState>();
  private readonly running = new Map<number, number[]>();
  private readonly roots = new Map<number, string>();
  private readonly segments: (LedSegment & { frames?: LedFrame[] })[] = [];
  private readonly ranges = new Map<string, OpenRange>();
  private readonly gc: LedRange[] = [];
  private readonly stw: LedRange[] = [];
  private readonly assists: LedRange[] = [];
  private stopAt?: number;
  /** The last clock snapshot: a trace time and the wall-clock time (ms since 1970) it was taken at. */
  private clock?: { trace: number; wallMs: number };

  /**
   * `stoppedAtMs`: when the debugger reported the stop (Date.now()). The trace cannot say: a
   * goroutine stopped at a breakpoint is still "running" to the runtime until Delve's first
   * injected call, however long the user looked at the stop.
   */
  constructor(private readonly goroutine: number, private readonly stoppedAtMs?: number) {}

  line(text: string): void {
    if (text.startsWith('R ') || text.startsWith('G ') || text.startsWith('E ')) {
      this.flush();
      this.shortLine(text);
      return;
    }
    if (text.startsWith('M=')) {
      this.flush();
      const m = HEADER.exec(text);
      if (m) {
        this.pending = { g: Number(m[1]), kind: m[2], time: Number(m[3]), rest: m[4] };
      }
      return;
    }
    const p = this.pending;
    if (!p) {
      return;
    }
    if (text === 'TransitionStack=') {
      p.into = 'transition';
      p.transition = [];
    } else if (text === 'Stack=') {
      p.into = 'stack';
      p.stack = [];
    } else if (text.startsWith('\t\t')) {
      const frames = p.into === 'transition' ? p.transition : p.stack;
      const top = frames?.[frames.length - 1];
      const at = text.lastIndexOf(':');
      if (top && at > 2) {
        top.file = text.slice(2, at);
        top.line = Number(text.slice(at + 1));
      }
    } else if (text.startsWith('\t')) {
      const frames = p.into === 'transition' ? p.transition : p.stack;
      const at = text.lastIndexOf(' @ 0x');
      frames?.push({ func: at > 0 ? text.slice(1, at) : text.slice(1), file: '', line: 0 });
    }
  }

  /** The fast reader's lines about goroutines other than the stopped one (ledHereReaderSource.ts). */
  private shortLine(text: string): void {
    const [kind, a, b, c] = text.split(' ', 4);
    if (kind === 'E') {
      this.last = Math.max(this.last, Number(a));
    } else if (kind === 'G') {
      this.roots.set(Number(a), text.slice(3 + a.length));
    } else {
      const g = Number(a);
      let list = this.running.get(g);
      if (!list) {
        list = [];
        this.running.set(g, list);
      }
      list.push(Number(b), Number(c));
    }
  }

  /** The model for the last `seconds` before the stop (all of the trace when unknown). */
  finish(seconds?: number): LedModel {
    this.flush();
    const first = this.first ?? 0;
    const end = this.last;
    for (const [g, st] of this.states) {
      this.close(g, st, end);
    }
    for (const r of this.ranges.values()) {
      this.pushRange(r.name, r.start, end, '');
    }
    // After the stop only Delve's injected calls ran (this recording's own WriteTo among them):
    // the window ends there.
    const stopAt = this.stopTime();
    const from = stopAt !== undefined && seconds ? Math.max(first, stopAt - seconds * 1e9) : first;
    return buildModel(this.goroutine, from, stopAt ?? end, stopAt !== undefined, {
      segments: this.segments, running: this.running, roots: this.roots, gc: this.gc, stw: this.stw, assists: this.assists,
    });
  }

  /** The stop in trace time: from the wall clock when known, else the first debug call. */
  private stopTime(): number | undefined {
    if (this.stoppedAtMs !== undefined && this.clock) {
      const at = this.clock.trace - (this.clock.wallMs - this.stoppedAtMs) * 1e6;
      if (at > (this.first ?? 0) && at <= (this.stopAt ?? this.last)) {
        return at;
      }
    }
    return this.stopAt;
  }

  private flush(): void {
    const p = this.pending;
    this.pending = undefined;
    if (!p) {
      return;
    }
    this.first ??= p.time;
    this.last = Math.max(this.last, p.time);
    if (p.kind === 'StateTransition') {
      this.transition(p);
    } else if (p.kind === 'Sync') {
      const m = SYNC_CLOCK.exec(p.rest);
      const wallMs = m ? wallMillis(m[2]) : undefined;
      if (m && wallMs !== undefined) {
        this.clock = { trace: Number(m[1]), wallMs };
      }
    } else if (p.kind === 'RangeBegin' || p.kind === 'RangeActive' || p.kind === 'RangeEnd') {
      this.range(p);
    }
  }

  private transition(p: Pending): void {
    const m = GO_TRANSITION.exec(p.rest);
    if (!m) {
      return;
    }
    const g = Number(m[1]);
    const to = stateOf(m[3]);
    const reason = unquote(m[4]) || undefined;
    // The goroutine's own stack: given for the transitioned goroutine, or the event's when it moved itself.
    const own = p.transition ?? (p.g === g ? p.stack : undefined);
    if (own?.length) {
      this.roots.set(g, own[own.length - 1].func);
    }
    const prev = this.states.get(g);
    if (prev && prev.state === to && !reason) {
      // A new generation restates what the goroutine is doing: the same wait goes on.
      return;
    }
    if (prev) {
      if (prev.state === 'running' && own?.length) {
        prev.stack = own;
      }
      this.close(g, prev, p.time);
    }
    if (g === this.goroutine && (to === 'waiting' || to === 'syscall')) {
      // The stop is the first "wait for debug call" after the last wait of the program's own.
      this.stopAt = reason === 'wait for debug call' ? (this.stopAt ?? p.time) : undefined;
    }
    if (to === undefined) {
      this.states.delete(g);
      return;
    }
    this.states.set(g, { state: to, since: p.time, reason, stack: to === 'running' ? undefined : own });
  }

  private close(g: number, st: GState, at: number): void {
    if (st.state === 'running') {
      let list = this.running.get(g);
      if (!list) {
        list = [];
        this.running.set(g, list);
      }
      list.push(st.since, at);
    }
    if (g === this.goroutine) {
      this.segments.push({ start: st.since, end: at, state: st.state, reason: st.reason, frames: st.stack });
    }
  }

  private range(p: Pending): void {
    const m = RANGE.exec(p.rest);
    if (!m) {
      return;
    }
    const name = unquote(m[1]);
    const key = `${name}\u0000${m[2]}`;
    if (p.kind === 'RangeEnd') {
      const open = this.ranges.get(key);
      this.ranges.delete(key);
      this.pushRange(name, open?.start ?? this.first ?? p.time, p.time, m[2]);
    } else if (!this.ranges.has(key)) {
      this.ranges.set(key, { start: p.kind === 'RangeActive' ? (this.first ?? p.time) : p.time, name });
    }
  }

  private pushRange(name: string, start: number, end: number, scope: string): void {
    if (name.startsWith('stop-the-world')) {
      this.stw.push({ start, end, name });
    } else if (name === 'GC mark assist') {
      if (scope === `Goroutine(${this.goroutine})`) {
        this.assists.push({ start, end, name });
      }
    } else if (name === 'GC concurrent mark phase') {
      // Not "GC incremental sweep": thousands of tiny ranges per second, drawn as noise.
      this.gc.push({ start, end, name });
    }
  }
}

interface Collected {
  segments: (LedSegment & { frames?: LedFrame[] })[];
  running: Map<number, number[]>;
  roots: Map<number, string>;
  gc: LedRange[];
  stw: LedRange[];
  assists: LedRange[];
}

function buildModel(goroutine: number, from: number, end: number, stopped: boolean, c: Collected): LedModel {
  const stacks: LedFrame[][] = [];
  const stackIds = new Map<string, number>();
  const intern = (frames: LedFrame[] | undefined): number | undefined => {
    if (!frames?.length) {
      return undefined;
    }
    const key = frames.map((f) => `${f.func}@${f.file}:${f.line}`).join('\n');
    let id = stackIds.get(key);
    if (id === undefined) {
      id = stacks.push(frames) - 1;
      stackIds.set(key, id);
    }
    return id;
  };
  const clip = (start: number, stop: number): [number, number] | undefined =>
    stop < from || start > end ? undefined : [Math.max(start, from) - from, Math.min(stop, end) - from];
  const segments: LedSegment[] = [];
  for (const s of c.segments) {
    const span = clip(s.start, s.end);
    if (span && span[1] > span[0]) {
      segments.push({ start: span[0], end: span[1], state: s.state, reason: s.reason, what: waitWhat(s.reason, s.state, s.frames), stack: intern(s.frames), func: ownFunc(s.frames) });
    }
  }
  const ranges = (list: LedRange[]): LedRange[] =>
    list.flatMap((r) => { const span = clip(r.start, r.end); return span ? [{ start: span[0], end: span[1], name: r.name }] : []; });
  const groups = groupOthers(goroutine, c.running, c.roots, clip);
  return {
    goroutine,
    found: c.segments.length > 0,
    duration: end - from,
    stopped,
    segments,
    assists: ranges(c.assists),
    groups: groups.slice(0, TOP_GROUPS),
    moreGroups: Math.max(0, groups.length - TOP_GROUPS),
    gc: ranges(c.gc),
    stw: ranges(c.stw),
    stacks,
  };
}

function groupOthers(goroutine: number, running: Map<number, number[]>, roots: Map<number, string>, clip: (a: number, b: number) => [number, number] | undefined): LedGroup[] {
  const byFunc = new Map<string, { goroutines: number; spans: [number, number][] }>();
  for (const [g, list] of running) {
    if (g === goroutine) {
      continue;
    }
    const spans: [number, number][] = [];
    for (let i = 0; i < list.length; i += 2) {
      const span = clip(list[i], list[i + 1]);
      if (span && span[1] > span[0]) {
        spans.push(span);
      }
    }
    if (!spans.length) {
      continue;
    }
    const func = roots.get(g) ?? `goroutine ${g}`;
    const group = byFunc.get(func) ?? { goroutines: 0, spans: [] };
    group.goroutines++;
    for (const span of spans) {
      // One by one: a spread of a busy goroutine's spans overflows the call stack.
      group.spans.push(span);
    }
    byFunc.set(func, group);
  }
  const groups = [...byFunc].map(([func, { goroutines, spans }]) => {
    const total = spans.reduce((sum, [a, b]) => sum + (b - a), 0);
    return { func, goroutines, runningNs: total, running: merge(spans) };
  });
  return groups.sort((a, b) => b.runningNs - a.runningNs || a.func.localeCompare(b.func));
}

function merge(spans: [number, number][]): [number, number][] {
  spans.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of spans) {
    const lastSpan = out[out.length - 1];
    if (lastSpan && a <= lastSpan[1]) {
      lastSpan[1] = Math.max(lastSpan[1], b);
    } else {
      out.push([a, b]);
    }
  }
  return out;
}

function stateOf(name: string): LedState | undefined {
  switch (name) {
    case 'Running':
      return 'running';
    case 'Runnable':
      return 'runnable';
    case 'Waiting':
      return 'waiting';
    case 'Syscall':
      return 'syscall';
    default:
      return undefined;
  }
}

/** RFC 3339 with nanoseconds, as fractional milliseconds since 1970. */
function wallMillis(text: string): number | undefined {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(text);
  const whole = m ? Date.parse(`${m[1]}${m[3]}`) : NaN;
  return Number.isFinite(whole) ? whole + Number(`0.${m![2] ?? '0'}`) * 1000 : undefined;
}

/** Go's %q of a plain string is valid JSON; anything else is shown as written. */
function unquote(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
