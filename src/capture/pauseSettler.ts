/**
 * The pause that ends a timed capture ("CPU for N seconds", a trace for N seconds) lands
 * wherever a thread happens to be: often a parked runtime worker, or no goroutine at all. The
 * user would be shown runtime code, and the next capture would fail, since Delve runs the
 * helper only on its selected goroutine, running on a thread outside the runtime. So the stop
 * is settled before anyone sees it: on the goroutine selected before the capture when it runs
 * outside the runtime, else on another running one (the program's own code first). Delve
 * selects a goroutine only when it steps it, so a goroutine other than the one it stopped on is
 * stepped one instruction; when no goroutine is usable the program runs a moment longer and is
 * paused again. A pause may also land on an instruction where Delve cannot call at all (a
 * function's prologue, a pointer store): the chosen goroutine is then stepped on, an instruction
 * at a time, to one where it can, so a capture right after the timed one works. The stops in
 * between stay hidden; the last one is shown as the pause.
 */
import type { CaptureHost, StopOutcome, StoppedInfo } from './api';

/** Pauses tried before the stop is shown as it is. */
const MAX_PAUSES = 8;
/**
 * How long the program runs between two such pauses. While the goroutine selected before runs
 * in the runtime, each run is twice as long as the last, up to MAX_RUN_MS: a collection keeps
 * it there for a while (seen: eight pauses 20 ms apart, all in the GC, on goldmark's
 * rendering). A parked one may wait for anything: the program is not run on for long.
 */
const RUN_MS = 20;
const MAX_RUN_MS = 200;
/**
 * Instruction steps tried on chosen goroutines: a step may enter the runtime, and an unsafe
 * sequence (a prologue, the stores under a write barrier) may take a dozen or more.
 */
const MAX_STEPS = 32;

interface Settling {
  goroutine: number;
  pauses: number;
  /** How long the program last ran between two pauses. */
  ranMs: number;
  steps: number;
  /** The goroutine a step was asked for: its stop is expected next. */
  stepping?: number;
  done(): void;
}

interface Running {
  id: number;
  top: Rank;
}

/** How good a place a goroutine's top frame is to show and to run the helper from. */
type Rank = 'own' | 'library' | 'runtime';

export class PauseSettler {
  private settling?: Settling;

  constructor(
    private readonly host: CaptureHost,
    /** Whether Delve can call the helper on this goroutine where it stands now. */
    private readonly canCall: (goroutine: number) => Promise<boolean>,
  ) {}

  /** A settle is under way: the stops it causes are its own. */
  get active(): boolean {
    return this.settling !== undefined;
  }

  /** Pauses the program; resolves once the stop that ends it is settled (or the session ended). */
  async pause(goroutine: number): Promise<void> {
    const settled = new Promise<void>((done) => {
      this.settling = { goroutine, pauses: 1, ranMs: 0, steps: 0, done };
    });
    try {
      await this.host.request('pause', { threadId: goroutine });
    } catch (err) {
      this.finish();
      throw err;
    }
    await settled;
  }

  /** The session ended: nothing more will stop. */
  dispose(): void {
    this.finish();
  }

  /** A stop while settling: hide it and move on, or say on which goroutine to show it. */
  async onStop(stop: StoppedInfo): Promise<StopOutcome> {
    const s = this.settling!;
    const ours = stop.reason === 'pause' || (stop.reason === 'step' && s.stepping !== undefined && stop.threadId === s.stepping);
    if (!ours) {
      // A breakpoint (or an exception) came first: that is where the program is, as it is.
      this.finish();
      return { hide: false };
    }
    s.stepping = undefined;
    const running = await this.running().catch(() => [] as Running[]);
    const pick = choose(running, s.goroutine);
    const settled = pick !== undefined && (pick === stop.threadId || s.steps >= MAX_STEPS);
    if (settled && (s.steps >= MAX_STEPS || (await this.canCall(pick)))) {
      this.finish();
      return { hide: false, threadId: pick, reason: 'pause' };
    }
    if (pick !== undefined) {
      if (await this.step(s, pick)) {
        return { hide: true };
      }
    } else if (s.pauses < MAX_PAUSES && (await this.runAMoment(s, running.some((g) => g.id === s.goroutine)))) {
      return { hide: true };
    }
    this.finish();
    // Nothing usable: show the goroutine the user had when it still exists.
    const before = running.some((g) => g.id === s.goroutine) || (await this.exists(s.goroutine));
    return { hide: false, threadId: before ? s.goroutine : stop.threadId, reason: 'pause' };
  }

  /** Delve selects the goroutine it steps: then the stop names it and calls run on it. */
  private async step(s: Settling, goroutine: number): Promise<boolean> {
    s.steps++;
    s.stepping = goroutine;
    return this.host.request('stepIn', { threadId: goroutine, granularity: 'instruction' }).then(() => true, () => false);
  }

  /** Runs the program a moment and pauses it again; longer each time while `busy`. */
  private async runAMoment(s: Settling, busy: boolean): Promise<boolean> {
    s.pauses++;
    s.ranMs = busy ? Math.min(Math.max(s.ranMs * 2, RUN_MS), MAX_RUN_MS) : RUN_MS;
    const resumed = await this.host.request('continue', { threadId: s.goroutine }).then(() => true, () => false);
    if (resumed) {
      setTimeout(() => {
        if (this.settling === s) {
          this.host.request('pause', { threadId: s.goroutine }).catch(() => this.finish());
        }
      }, s.ranMs);
    }
    return resumed;
  }

  /** The goroutines a thread runs right now, with where their top frame is. */
  private async running(): Promise<Running[]> {
    const body = (await this.host.request('threads', {})) as { threads?: { id: number; name: string }[] };
    // dlv names a goroutine that runs on a thread "[Go 7] main.work (Thread 1234)".
    const onThread = (body.threads ?? []).filter((t) => / \(Thread \d+\)$/.test(t.name)).map((t) => t.id);
    const ranked: Running[] = [];
    for (const id of onThread) {
      const trace = (await this.host.request('stackTrace', { threadId: id, startFrame: 0, levels: STACK_LEVELS }).catch(() => undefined)) as { stackFrames?: { name: string }[] } | undefined;
      const frames = trace?.stackFrames ?? [];
      if (frames.length) {
        ranked.push({ id, top: rankStack(frames.map((f) => f.name)) });
      }
    }
    return ranked;
  }

  private async exists(goroutine: number): Promise<boolean> {
    return this.host.request('stackTrace', { threadId: goroutine, startFrame: 0, levels: 1 }).then(() => true, () => false);
  }

  private finish(): void {
    const s = this.settling;
    this.settling = undefined;
    s?.done();
  }
}

/** The goroutine selected before when it runs outside the runtime, else the program's own code first. */
function choose(running: Running[], before: number): number | undefined {
  const usable = running.filter((g) => g.top !== 'runtime');
  return (usable.find((g) => g.id === before) ?? usable.find((g) => g.top === 'own') ?? usable[0])?.id;
}

/** Frames read to tell a library function the runtime called from one the program called. */
const STACK_LEVELS = 12;

/**
 * A goroutine's rank, by its stack (top first): its top frame's, except that library code the
 * runtime called is the runtime's. Delve names packages by their last element, so
 * internal/runtime/atomic's functions read "atomic.…" like sync/atomic's; seen on top of the GC's
 * span sets, where Delve could not call ("not enough stack space").
 */
export function rankStack(names: readonly string[]): Rank {
  const top = rank(names[0]);
  const caller = names.slice(1).map(rank).find((r) => r !== 'library');
  return top === 'library' && caller === 'runtime' ? 'runtime' : top;
}

/**
 * sync.Pool's methods run with the goroutine pinned to its P (preemption off): a helper call
 * from there that collects garbage cannot finish (Delve reports "call stopped" and leaves the
 * goroutine inside its call). Seen pausing goldmark's rendering in sync.(*Pool).pin.
 */
const PINNED = /^sync\.\(\*(Pool|poolChain|poolDequeue)\)\./;

/**
 * The runtime's own code under other packages' names (go:linkname): time.now reads the clock on
 * the system stack, where a helper call was seen to stop half-way ("call stopped").
 */
const RUNTIME_LINKED = /^(time\.(now|Sleep|runtimeNano)|[\w/.]+\.runtime_\w+)$/;

/**
 * Where a function (as Delve names it: "main.f", "strings.(*Builder).WriteString",
 * "example.com/m/p.T.f") belongs. Delve cannot call from the runtime; the standard library's
 * packages are the ones whose path has no dot in its first element (main aside).
 */
export function rank(func: string): Rank {
  // Generic arguments and receivers may hold slashes and dots of their own.
  const head = func.split(/[[(]/)[0];
  const dot = head.indexOf('.', head.lastIndexOf('/') + 1);
  const pkg = dot < 0 ? head : head.slice(0, dot);
  if (pkg === 'runtime' || pkg.startsWith('runtime/') || pkg.startsWith('internal/') || pkg === 'sync/atomic' || PINNED.test(func) || RUNTIME_LINKED.test(func)) {
    return 'runtime';
  }
  if (pkg === 'main' || pkg.split('/')[0].includes('.')) {
    return 'own';
  }
  return 'library';
}
