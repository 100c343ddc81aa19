/**
 * The pause that ends a timed capture ("CPU for N seconds", a trace for N seconds) lands
 * wherever a thread happens to be: often a parked runtime worker, or no goroutine at all. The
 * user would be shown runtime code, and the next capture would fail, since Delve runs the
 * helper only on its selected goroutine, running on a thread outside the runtime. So the stop
 * is settled before anyone sees it: on the goroutine selected before the capture when it runs
 * outside the runtime, else on another running one (the program's own code first). Delve
 * selects a goroutine only when it steps it, so a goroutine other than the one it stopped on is
 * stepped one instruction; when no goroutine is usable the program runs a moment longer and is
 * paused again. The stops in between stay hidden; the last one is shown as the pause.
 */
import type { CaptureHost, StopOutcome, StoppedInfo } from './api';

/** Pauses tried before the stop is shown as it is. */
const MAX_PAUSES = 8;
/** How long the program runs between two such pauses. */
const RUN_MS = 20;
/** Instruction steps tried on chosen goroutines (a step may enter the runtime). */
const MAX_STEPS = 4;

interface Settling {
  goroutine: number;
  pauses: number;
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

  constructor(private readonly host: CaptureHost) {}

  /** A settle is under way: the stops it causes are its own. */
  get active(): boolean {
    return this.settling !== undefined;
  }

  /** Pauses the program; resolves once the stop that ends it is settled (or the session ended). */
  async pause(goroutine: number): Promise<void> {
    const settled = new Promise<void>((done) => {
      this.settling = { goroutine, pauses: 1, steps: 0, done };
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
    if (pick !== undefined && (pick === stop.threadId || s.steps >= MAX_STEPS)) {
      this.finish();
      return { hide: false, threadId: pick, reason: 'pause' };
    }
    if (pick !== undefined) {
      s.steps++;
      s.stepping = pick;
      // Delve selects the goroutine it steps: then the stop names it and calls run on it.
      if (await this.host.request('stepIn', { threadId: pick, granularity: 'instruction' }).then(() => true, () => false)) {
        return { hide: true };
      }
    } else if (s.pauses < MAX_PAUSES && (await this.runAMoment(s))) {
      return { hide: true };
    }
    this.finish();
    // Nothing usable: show the goroutine the user had when it still exists.
    const before = running.some((g) => g.id === s.goroutine) || (await this.exists(s.goroutine));
    return { hide: false, threadId: before ? s.goroutine : stop.threadId, reason: 'pause' };
  }

  private async runAMoment(s: Settling): Promise<boolean> {
    s.pauses++;
    const resumed = await this.host.request('continue', { threadId: s.goroutine }).then(() => true, () => false);
    if (resumed) {
      setTimeout(() => {
        if (this.settling === s) {
          this.host.request('pause', { threadId: s.goroutine }).catch(() => this.finish());
        }
      }, RUN_MS);
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
      const trace = (await this.host.request('stackTrace', { threadId: id, startFrame: 0, levels: 1 }).catch(() => undefined)) as { stackFrames?: { name: string }[] } | undefined;
      const top = trace?.stackFrames?.[0];
      if (top) {
        ranked.push({ id, top: rank(top.name) });
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
  if (pkg === 'runtime' || pkg.startsWith('runtime/') || pkg.startsWith('internal/') || pkg === 'sync/atomic') {
    return 'runtime';
  }
  if (pkg === 'main' || pkg.split('/')[0].includes('.')) {
    return 'own';
  }
  return 'library';
}
