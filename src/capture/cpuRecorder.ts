/**
 * CPU profile recordings, beside the trace recorder: started through the helper at a stop
 * and ended at the next stop ("CPU until next stop"), or after N seconds with the program
 * resumed and paused again ("CPU for N seconds"); one at a time, and nothing left behind
 * when the program ends first.
 */
import { rmSync } from 'node:fs';
import { CaptureHost, CaptureResult, RECORDING_EVENT, StoppedInfo } from './api';
import { HelperCalls, failOnError } from './helperCalls';
import { HELPER, PART_SUFFIX } from './helperSource';
import { CaptureError } from './messages';
import { waitForFile } from './waitForFile';

interface Recording {
  path: string;
  location: string;
  /** Set for "CPU for N seconds": settles when the recording was reported. */
  done?: (path: string) => void;
  fail?: (err: Error) => void;
}

export class CpuRecorder {
  private recording?: Recording;
  private timed = false;
  /** The stop the recording ends at, once the client has seen it (endNow). */
  private waiting?: StoppedInfo;
  private ending?: Promise<void>;

  constructor(
    private readonly host: CaptureHost,
    private readonly helper: HelperCalls,
    /** A new profile path for a CPU recording that starts at `location`. */
    private readonly newPath: (location: string) => string,
    /** Reports a finished recording (the capture event and the log line). */
    private readonly announce: (path: string, location: string) => void,
    /** How many stops the session has seen so far. */
    private readonly stops: () => number,
    /** Pauses the program and settles the stop on a goroutine the user can use (PauseSettler). */
    private readonly pause: (goroutine: number) => Promise<void>,
  ) {}

  /** A timed recording is running the program: other captures must wait. */
  get busy(): boolean {
    return this.timed;
  }

  async start(threadId: number | undefined): Promise<CaptureResult> {
    this.refuseSecondRecording();
    const frame = await this.helper.frame(threadId);
    const path = this.newPath(frame.location);
    const outputs = [path, path + PART_SUFFIX];
    failOnError(await this.helper.call(frame, HELPER.cpuStart, [path], outputs), outputs);
    this.recording = { path, location: frame.location };
    this.host.sendEvent(RECORDING_EVENT, { recording: true, location: frame.location });
    this.host.log(`CPU profile recording from ${frame.location}; it ends at the next stop.`);
    return { recording: true };
  }

  /** Resumes, lets the helper sample for `seconds`, and pauses the program again. */
  async recordFor(seconds: number, threadId: number | undefined): Promise<CaptureResult> {
    this.refuseSecondRecording();
    const frame = await this.helper.frame(threadId);
    const path = this.newPath(frame.location);
    const millis = Math.round(seconds * 1000);
    const outputs = [path, path + PART_SUFFIX];
    failOnError(await this.helper.call(frame, HELPER.cpuFor, [path, millis], outputs), outputs);
    this.timed = true;
    try {
      const reported = new Promise<string>((done, fail) => {
        this.recording = { path, location: frame.location, done, fail };
      });
      this.host.sendEvent(RECORDING_EVENT, { recording: true, location: frame.location });
      await this.host.request('continue', { threadId: frame.threadId });
      this.host.sendEvent('continued', { threadId: frame.threadId, allThreadsContinued: true });
      const stopsBefore = this.stops();
      const outcome = await Promise.race([
        waitForFile(path, millis + 10000).then((written) => (written ? 'file' as const : 'late' as const)),
        reported.then(() => 'stop' as const),
      ]);
      // The file also appears when a stop ends the recording; then that stop reports it.
      if (outcome === 'file' && this.stops() === stopsBefore && this.isRecording(path)) {
        // The program wrote the whole profile; pause it again where it is.
        this.recording = undefined;
        await this.pause(frame.threadId);
        this.announce(path, frame.location);
        return { path };
      }
      if (outcome === 'late' && this.isRecording(path)) {
        // The helper's timer never ran (e.g. the program blocked signals): stop it here.
        await this.pause(frame.threadId);
        if (this.isRecording(path)) {
          this.recording = { path, location: frame.location };
          throw new CaptureError('The CPU profile did not finish in time; it keeps recording and ends at the next stop where Delve can run the helper.');
        }
      }
      return { path: await reported };
    } finally {
      this.timed = false;
    }
  }

  /**
   * Ends the recording, if one runs, at this stop; or, with `mayWait` (only the client moves the
   * program on from this stop), leaves that for endNow: ending runs the program briefly (about
   * 15 ms on Linux, up to 100 ms more on macOS, where runtime/pprof's writer polls), which the
   * user otherwise waited on before seeing every such stop. A timed recording ends here.
   */
  async onStopped(stop: StoppedInfo, mayWait = false): Promise<void> {
    const rec = this.recording;
    if (!rec) {
      return;
    }
    if (mayWait && !rec.done) {
      this.waiting = stop;
      return;
    }
    await this.end(rec, stop);
  }

  /** A stop left the end of the recording for later (onStopped with mayWait). */
  get endsLater(): boolean {
    return this.waiting !== undefined;
  }

  /** Ends the recording at the stop that left it for later; resolves once it has ended. */
  endNow(): Promise<void> {
    const stop = this.waiting;
    const rec = this.recording;
    this.waiting = undefined;
    if (stop && rec) {
      this.ending = this.end(rec, stop).finally(() => (this.ending = undefined));
    }
    return this.ending ?? Promise.resolve();
  }

  private async end(rec: Recording, stop: StoppedInfo): Promise<void> {
    let status;
    try {
      status = await this.helper.call(await this.helper.frame(stop.threadId), HELPER.cpuStop, [], []);
    } catch (err) {
      // Capturing again here would be refused too: the recording itself waits for a usable stop.
      const reason = (err as Error).message.replace(/ Step once and capture again\.$/, '');
      const message = `The CPU profile keeps recording: ${reason} It ends at the next stop where Delve can run the helper (step once).`;
      this.host.log(message);
      // A timed capture waits for this stop: it answers now (its progress closes, the user is
      // told), and the recording goes on as one that ends at the next usable stop.
      if (rec.fail) {
        this.recording = { path: rec.path, location: rec.location };
        rec.fail(new CaptureError(message));
      }
      return;
    }
    this.recording = undefined;
    // "none": the timed recording's own goroutine ended it just before this stop.
    if (status.startsWith('error: ') || !(await waitForFile(rec.path, 2000))) {
      rmSync(rec.path + PART_SUFFIX, { force: true });
      const message = `The CPU profile from ${rec.location} could not be written${status.startsWith('error: ') ? `: ${status.slice(7)}` : ''}.`;
      this.host.log(message);
      this.host.sendEvent(RECORDING_EVENT, { recording: false, location: rec.location });
      rec.fail?.(new CaptureError(message));
      return;
    }
    this.announce(rec.path, rec.location);
    rec.done?.(rec.path);
  }

  /** The program ended: a running recording can no longer be written, so it is discarded. */
  dispose(): void {
    this.waiting = undefined;
    if (!this.recording) {
      return;
    }
    const { path, location, fail } = this.recording;
    this.recording = undefined;
    rmSync(path + PART_SUFFIX, { force: true });
    rmSync(path, { force: true });
    const message = `The CPU profile recording since ${location} was discarded: the program ended before the next stop.`;
    this.host.log(message);
    this.host.sendEvent(RECORDING_EVENT, { recording: false, location });
    fail?.(new CaptureError(message));
  }

  private refuseSecondRecording(): void {
    if (this.recording) {
      throw new CaptureError(`A CPU profile is already recording since ${this.recording.location}; it ends at the next stop.`);
    }
  }

  private isRecording(path: string): boolean {
    return this.recording?.path === path;
  }

}
