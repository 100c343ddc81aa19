/**
 * Calls into the Go helper of one session: picks the goroutine and frame to run on, runs the
 * call, turns statuses into messages, and remembers files an interrupted call may still
 * write so they can be removed once the program has moved on.
 */
import { rmSync } from 'node:fs';
import { CaptureHost, CaptureKind, StoppedInfo } from './api';
import { HELPER, HelperStatus, PART_SUFFIX } from './helperSource';
import { StopFrame, callHelper, topFrame } from './inject';
import { DEFAULT_BLOCK_RATE, DEFAULT_MUTEX_FRACTION } from './launch';
import { CaptureError, KIND_NAME, describeDelveError, isUnsafePoint } from './messages';

export class HelperCalls {
  private inFlight = false;
  private readonly orphans = new Set<string>();

  constructor(
    private readonly host: CaptureHost,
    private readonly pkg: string,
    private readonly lastStop: () => StoppedInfo | undefined,
  ) {}

  /** A stop that comes while a call runs is that call being interrupted by a breakpoint. */
  get calling(): boolean {
    return this.inFlight;
  }

  /** The top frame of the goroutine to run on: the one asked for, else the one that stopped. */
  async frame(threadId: number | undefined): Promise<StopFrame> {
    const stop = this.lastStop();
    const id = threadId ?? stop?.threadId;
    if (id === undefined) {
      throw new CaptureError(describeDelveError(stop ? 'no goroutine selected' : 'debuggee is running', stop?.reason));
    }
    return topFrame(this.host, id, stop?.reason);
  }

  /** Runs a helper; files it may have started are removed if the call fails or is interrupted. */
  async call(frame: StopFrame, fn: string, args: (string | number)[], outputs: string[]): Promise<HelperStatus> {
    this.inFlight = true;
    outputs.filter((p) => p.endsWith(PART_SUFFIX)).forEach((p) => this.host.holdsTemp?.(p));
    try {
      return await callHelper(this.host, frame, this.pkg, fn, args, this.lastStop()?.reason);
    } catch (err) {
      for (const path of outputs) {
        rmSync(path, { force: true });
        if (/interrupted/.test((err as Error).message)) {
          this.orphans.add(path);
        }
      }
      throw err;
    } finally {
      this.inFlight = false;
    }
  }

  /**
   * Whether Delve can call the helper on this goroutine where it stands: false only at an
   * instruction that is not a safe point for calls (a function's prologue, a pointer store).
   */
  async canCall(threadId: number): Promise<boolean> {
    try {
      await this.call(await this.frame(threadId), HELPER.ready, [], []);
      return true;
    } catch (err) {
      return !isUnsafePoint((err as Error).message);
    }
  }

  /** Writes a snapshot profile (heap, allocs, block, mutex) to path. */
  async write(frame: StopFrame, kind: CaptureKind, path: string): Promise<void> {
    const status = await this.call(frame, HELPER.write, [kind, path], [path]);
    if (status === 'off') {
      const [attr, example] = kind === 'block' ? ['blockProfileRate', DEFAULT_BLOCK_RATE] : ['mutexProfileFraction', DEFAULT_MUTEX_FRACTION];
      throw new CaptureError(`${KIND_NAME[kind]} profiling is off in this session ("${attr}" is 0): set "${attr}" (e.g. ${example}) in the launch configuration and restart.`);
    }
    failOnError(status, [path]);
  }

  removeOrphans(): void {
    for (const path of this.orphans) {
      rmSync(path, { force: true });
      rmSync(path + PART_SUFFIX, { force: true });
    }
    this.orphans.clear();
  }
}

/** An "error: ..." status removes the call's outputs and becomes the user's message. */
export function failOnError(status: HelperStatus, outputs: string[]): void {
  if (status.startsWith('error: ')) {
    outputs.forEach((p) => rmSync(p, { force: true }));
    throw new CaptureError(`The profiling helper failed: ${status.slice(7)}`);
  }
}
