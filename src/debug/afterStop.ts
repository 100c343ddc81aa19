import type { DebugProtocol } from '@vscode/debugprotocol';

/**
 * How long the client must have had nothing to ask about a stop before the work it left runs.
 * VS Code asks threads, stackTrace, scopes and variables one after another, each within a few
 * milliseconds of the answer before; a question that comes later only waits for the work.
 */
export const QUIET_MS = 50;

/** Requests that only read the stopped program: they never wait for a stop's work. */
const READS = new Set([
  'threads', 'stackTrace', 'scopes', 'variables', 'source', 'loadedSources', 'modules', 'exceptionInfo',
  'setBreakpoints', 'setFunctionBreakpoints', 'setExceptionBreakpoints', 'setInstructionBreakpoints',
  'dataBreakpointInfo', 'setDataBreakpoints', 'breakpointLocations', 'completions', 'disassemble', 'readMemory',
]);

function onlyReads(request: DebugProtocol.Request): boolean {
  if (request.command === 'evaluate') {
    // Delve runs `call f()` in the program, which would then run inside the recording.
    return !/^\s*call\s/.test(String((request.arguments as { expression?: unknown } | undefined)?.expression ?? ''));
  }
  return READS.has(request.command);
}

/**
 * Work capture leaves for after the client has seen a stop (ending a CPU recording). It runs
 * once the client's requests about the stop are answered and it has been quiet for QUIET_MS,
 * and in any case before a request that moves the program or runs code in it (continue, a
 * step, `call`, a capture, disconnect...): such a request, and every one after it, waits for
 * the work, in order.
 */
export class AfterStopWork {
  private timer?: NodeJS.Timeout;
  private pending = false;
  private running?: Promise<void>;
  /** Requests waiting for the work; later ones queue behind them to keep their order. */
  private queue?: Promise<void>;

  constructor(
    /** Runs the work; never rejects. */
    private readonly work: () => Promise<void>,
    /** True while no client request is waiting for dlv's answer. */
    private readonly clientIdle: () => boolean,
    /** A request handled after the work threw: it still gets an answer. */
    private readonly failed: (request: DebugProtocol.Request, reason: string) => void,
  ) {}

  /** The stop that left work has been shown to the client. */
  schedule(): void {
    this.pending = true;
    this.arm();
  }

  /** dlv answered a client request: with none left, the quiet period starts over. */
  answered(): void {
    if (this.pending && this.clientIdle()) {
      this.arm();
    }
  }

  /** Handles `request` now, or once the work has run (and the requests before it were handled). */
  pass(request: DebugProtocol.Request, handle: (request: DebugProtocol.Request) => void): void {
    if (!this.queue && (onlyReads(request) || (!this.pending && !this.running))) {
      if (this.pending) {
        // The client is still looking at the stop.
        clearTimeout(this.timer);
      }
      handle(request);
      return;
    }
    const queue: Promise<void> = (this.queue ?? this.run()).then(() => {
      if (this.queue === queue) {
        this.queue = undefined;
      }
      try {
        handle(request);
      } catch (err) {
        // Answered here: a throw would also stop every request queued behind this one.
        this.failed(request, err instanceof Error ? err.message : String(err));
      }
    });
    this.queue = queue;
  }

  /** Runs the work now if it still waits; resolves once it has run. */
  run(): Promise<void> {
    clearTimeout(this.timer);
    if (this.pending) {
      this.pending = false;
      const running: Promise<void> = this.work().finally(() => {
        if (this.running === running) {
          this.running = undefined;
        }
      });
      this.running = running;
    }
    return this.running ?? Promise.resolve();
  }

  /** The session ends: nothing is left to run. */
  dispose(): void {
    clearTimeout(this.timer);
    this.pending = false;
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), QUIET_MS);
    this.timer.unref();
  }
}
