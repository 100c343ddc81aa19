/**
 * Execution traces between two stops: starts runtime/trace through the helper at a stop and
 * ends it at the next stop (or after N seconds), like CPU recordings, and leaves no partial
 * file behind when the program ends first.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureHost, StoppedInfo, TRACED_EVENT, TraceResult, TraceSummary } from './api';
import { HelperCalls, failOnError } from './helperCalls';
import { PART_SUFFIX } from './helperSource';
import { nameTaken } from './naming';
import { parseTraceArgs } from './requestArgs';
import { CaptureError } from './messages';
import { TRACE_HELPER } from './traceHelperSource';
import { describeSummary, parseSummary } from './traceSummary';
import { waitForFile } from './waitForFile';

interface Active {
  path: string;
  location: string;
  done?: (result: TraceResult) => void;
  fail?: (err: Error) => void;
}

export class TraceRecorder {
  private active?: Active;
  private timed = false;
  private stops = 0;

  constructor(
    private readonly host: CaptureHost,
    private readonly helper: HelperCalls,
    private readonly profileDir: () => string,
    /** Pauses the program and settles the stop on a goroutine the user can use (PauseSettler). */
    private readonly pause: (goroutine: number) => Promise<void>,
  ) {}

  /** A timed trace is running the program: other captures must wait. */
  get busy(): boolean {
    return this.timed;
  }

  async handle(args: Record<string, unknown>): Promise<TraceResult> {
    const request = parseTraceArgs(args);
    if (this.active) {
      throw new CaptureError(`A trace is already running since ${this.active.location}; it ends at the next stop.`);
    }
    return request.seconds ? this.traceFor(request.seconds, request.threadId) : this.start(request.threadId);
  }

  async onStopped(stop: StoppedInfo): Promise<void> {
    this.stops++;
    if (!this.active) {
      return;
    }
    const rec = this.active;
    let status;
    let frame;
    try {
      frame = await this.helper.frame(stop.threadId);
      status = await this.helper.call(frame, TRACE_HELPER.stop, [], []);
    } catch (err) {
      const reason = (err as Error).message.replace(/ Step once and capture again\.$/, '');
      const message = `The trace keeps running: ${reason} It ends at the next stop where Delve can run the helper (step once).`;
      this.host.log(message);
      // As for CPU: a timed trace answers at this stop instead of waiting for a usable one.
      if (rec.fail) {
        this.active = { path: rec.path, location: rec.location };
        rec.fail(new CaptureError(message));
      }
      return;
    }
    this.active = undefined;
    // "none": a timed trace's own goroutine ended it just before this stop.
    if (status.startsWith('error: ') || !(await waitForFile(rec.path, 5000))) {
      rmSync(rec.path + PART_SUFFIX, { force: true });
      const message = `The trace from ${rec.location} could not be written${status.startsWith('error: ') ? `: ${status.slice(7)}` : ''}.`;
      this.host.log(message);
      rec.fail?.(new CaptureError(message));
      return;
    }
    const result = { path: rec.path, summary: await this.summary(frame.frameId) };
    this.announce(rec, result.summary);
    rec.done?.(result);
  }

  dispose(): void {
    const rec = this.active;
    if (!rec) {
      return;
    }
    this.active = undefined;
    rmSync(rec.path + PART_SUFFIX, { force: true });
    rmSync(rec.path, { force: true });
    const message = `The trace since ${rec.location} was discarded: the program exited while tracing, before the next stop.`;
    this.host.log(message);
    rec.fail?.(new CaptureError(message));
  }

  private async start(threadId: number | undefined): Promise<TraceResult> {
    const frame = await this.helper.frame(threadId);
    const path = this.newPath(frame.location);
    const outputs = [path, path + PART_SUFFIX];
    failOnError(await this.helper.call(frame, TRACE_HELPER.start, [path], outputs), outputs);
    this.active = { path, location: frame.location };
    this.host.log(`Execution trace from ${frame.location}; it ends at the next stop.`);
    return { tracing: true };
  }

  /** Resumes, lets the helper trace for `seconds`, and pauses the program again. */
  private async traceFor(seconds: number, threadId: number | undefined): Promise<TraceResult> {
    const frame = await this.helper.frame(threadId);
    const path = this.newPath(frame.location);
    const millis = Math.round(seconds * 1000);
    const outputs = [path, path + PART_SUFFIX];
    failOnError(await this.helper.call(frame, TRACE_HELPER.startFor, [path, millis], outputs), outputs);
    this.timed = true;
    try {
      const reported = new Promise<TraceResult>((done, fail) => {
        this.active = { path, location: frame.location, done, fail };
      });
      this.host.log(`Execution trace from ${frame.location} for ${seconds} s.`);
      await this.host.request('continue', { threadId: frame.threadId });
      this.host.sendEvent('continued', { threadId: frame.threadId, allThreadsContinued: true });
      const stopsBefore = this.stops;
      const outcome = await Promise.race([
        this.waitWhileActive(path, millis + 10000).then((written) => (written ? 'file' as const : 'late' as const)),
        reported.then(() => 'stop' as const),
      ]);
      if (outcome === 'file' && this.stops === stopsBefore && this.active?.path === path) {
        // The helper's timer ended the trace; pause the program where it is.
        const rec = this.active;
        this.active = undefined;
        await this.pause(frame.threadId);
        const summary = await this.summary(undefined);
        this.announce(rec, summary);
        return { path, summary };
      }
      if (outcome === 'late' && this.active?.path === path) {
        await this.pause(frame.threadId);
        if (this.active?.path === path) {
          this.active = { path, location: frame.location };
          throw new CaptureError('The trace did not finish in time; it keeps running and ends at the next stop where Delve can run the helper.');
        }
      }
      return await reported;
    } finally {
      this.timed = false;
    }
  }

  /** Like waitForFile, but gives up as soon as a stop or the program's exit ended this trace. */
  private async waitWhileActive(path: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(path)) {
      if (Date.now() > deadline || this.active?.path !== path) {
        return false;
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return true;
  }


  /** The helper's summary variable; a trace without one is still a trace. */
  private async summary(frameId: number | undefined): Promise<TraceSummary | undefined> {
    try {
      // The state is a package variable: it needs no particular frame.
      const body = (await this.host.request('evaluate', { expression: TRACE_HELPER.summary, context: 'repl', frameId })) as { result?: string };
      const text = body.result?.startsWith('"') ? (JSON.parse(body.result) as string) : body.result ?? '';
      return parseSummary(text);
    } catch {
      return undefined;
    }
  }

  private announce(rec: Active, summary: TraceSummary | undefined): void {
    this.host.sendEvent(TRACED_EVENT, { path: rec.path, location: rec.location, summary });
    this.host.log(`Execution trace from ${rec.location}: ${rec.path}${summary ? ` (${describeSummary(summary)})` : ''}`);
  }

  private newPath(location: string): string {
    const dir = this.profileDir();
    return traceFileName(dir, location);
  }
}

/** e.g. `trace_main.main-40_2026-11-23T16-40-00.trace`, never an existing file. */
export function traceFileName(dir: string, location: string, when: Date = new Date()): string {
  const where = location.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'unknown';
  const stem = `trace_${where}_${when.toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-')}`;
  let path = join(dir, `${stem}.trace`);
  for (let n = 2; nameTaken(path); n++) {
    path = join(dir, `${stem}_${n}.trace`);
  }
  return path;
}
