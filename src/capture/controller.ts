/**
 * One capture controller per debug session: answers `goProfile.*` requests by running the
 * Go helper at the stop (or reading Delve's goroutines), ends CPU recordings at the next
 * stop, keeps allocation baselines, and leaves nothing behind when the session ends.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CAPABILITIES_REQUEST, CAPTURED_EVENT, CAPTURE_KINDS, CAPTURE_REQUEST, CaptureArgs, CaptureController, CaptureHost,
  CaptureKind, CaptureResult, DlvLaunchArgs, RECORDING_EVENT, StoppedInfo,
} from './api';
import { allocationDelta } from './allocDelta';
import { collectGoroutines, goroutineProfile } from './goroutines';
import { HELPER, PART_SUFFIX } from './helperSource';
import { StopFrame, callHelper, topFrame } from './inject';
import { DEFAULT_BLOCK_RATE, DEFAULT_MUTEX_FRACTION, LaunchPlan, prepareLaunchPlan } from './launch';
import { CaptureError, describeDelveError } from './messages';
import { profileFileName } from './naming';
import { fetchProfile, httpKinds } from './pprofHttp';
import { waitForFile } from './waitForFile';

const KIND_NAME: Record<CaptureKind, string> = {
  heap: 'Heap', allocs: 'Allocations', block: 'Block', mutex: 'Mutex', goroutine: 'Goroutine', cpu: 'CPU',
  allocsDelta: 'Allocations since the last stop',
};

const MAX_SECONDS = 3600;

interface Recording {
  path: string;
  location: string;
  /** Set for "CPU for N seconds": resolves when the recording was reported. */
  done?: (path: string) => void;
  fail?: (err: Error) => void;
}

interface Baseline {
  path: string;
  location: string;
  stop: number;
}

export function createCaptureController(host: CaptureHost): CaptureController {
  return new Controller(host);
}

class Controller implements CaptureController {
  private plan?: LaunchPlan;
  private pprofURL?: string;
  private profileDir = join(tmpdir(), 'go-profiles');
  private lastStop?: StoppedInfo;
  private stops = 0;
  private calling = false;
  private timed = false;
  private recording?: Recording;
  private trackAllocations = false;
  /** The user's showPprofLabels, restored after a goroutine capture lists every label. */
  private labelKeys: string[] = [];
  private baselines: { previous?: Baseline; current?: Baseline } = {};
  private readonly stopWaiters: ((stop: StoppedInfo) => void)[] = [];
  /** Files an interrupted helper call may still write; removed at the next stop and at the end. */
  private readonly orphans = new Set<string>();

  constructor(private readonly host: CaptureHost) {}

  async prepareLaunch(args: DlvLaunchArgs): Promise<DlvLaunchArgs> {
    this.plan = prepareLaunchPlan(args);
    this.pprofURL = typeof args.pprofURL === 'string' && args.pprofURL ? args.pprofURL : undefined;
    if (typeof args.profileDir === 'string' && args.profileDir) {
      this.profileDir = args.profileDir;
    }
    this.trackAllocations = args.trackAllocations === true;
    this.labelKeys = Array.isArray(args.showPprofLabels) ? args.showPprofLabels.map(String) : [];
    return this.plan.args;
  }

  async handleRequest(command: string, args: Record<string, unknown>): Promise<object> {
    if (command === CAPABILITIES_REQUEST) {
      return this.capabilities();
    }
    if (command !== CAPTURE_REQUEST) {
      throw new CaptureError(`Unknown request ${command}.`);
    }
    const request = parseArgs(args);
    if (this.calling || this.timed) {
      throw new CaptureError('Another capture is still in progress: wait for it to finish.');
    }
    if (!this.plan?.helperPackage && request.kind !== 'goroutine') {
      return this.captureWithoutHelper(request);
    }
    switch (request.kind) {
      case 'goroutine':
        return this.captureGoroutines().catch((err: Error) => {
          // A running program cannot show Delve its goroutines, but its endpoint can.
          if (this.pprofURL && !this.plan?.helperPackage && /running/.test(err.message)) {
            return this.captureWithoutHelper(request);
          }
          throw err;
        });
      case 'cpu':
        return request.seconds ? this.captureCpuFor(request.seconds, request.threadId) : this.startCpu(request.threadId);
      case 'allocsDelta':
        return this.captureAllocDelta(request.threadId);
      default:
        return this.captureSnapshot(request.kind, request.threadId);
    }
  }

  async onStopped(stop: StoppedInfo): Promise<void> {
    this.stops++;
    this.lastStop = stop;
    // A stop that comes while a helper call runs is that call being interrupted by a breakpoint.
    if (!this.calling) {
      this.removeOrphans();
      if (this.recording) {
        await this.endRecording(stop);
      }
      if (this.trackAllocations) {
        await this.takeBaseline(stop.threadId);
      }
    }
    for (const waiter of this.stopWaiters.splice(0)) {
      waiter(stop);
    }
  }

  async dispose(): Promise<void> {
    if (this.recording) {
      const { path, location, fail } = this.recording;
      this.recording = undefined;
      rmSync(path + PART_SUFFIX, { force: true });
      rmSync(path, { force: true });
      const message = `The CPU profile recording since ${location} was discarded: the program ended before the next stop.`;
      this.host.log(message);
      fail?.(new CaptureError(message));
    }
    this.removeOrphans();
    for (const b of [this.baselines.previous, this.baselines.current]) {
      if (b) {
        rmSync(b.path, { force: true });
      }
    }
    this.baselines = {};
    if (this.plan?.tempDir) {
      rmSync(this.plan.tempDir, { recursive: true, force: true });
    }
  }

  private capabilities(): object {
    if (this.plan?.helperPackage) {
      return { kinds: CAPTURE_KINDS };
    }
    const kinds: CaptureKind[] = this.pprofURL ? httpKinds() : ['goroutine'];
    return { kinds, reason: this.noHelperMessage() };
  }

  private noHelperMessage(): string {
    const why = this.plan?.noHelperReason ?? 'the session has not launched a program';
    return `Heap, allocation, block, mutex and CPU captures at a stop need the profiling helper, which a go-dlv launch (mode "debug" or "test") builds into the program; here ${why}. Goroutine captures work in every session; for the others set "pprofURL" to a net/http/pprof endpoint the program serves.`;
  }

  private async captureWithoutHelper(request: CaptureArgs): Promise<CaptureResult> {
    if (!this.pprofURL || request.kind === 'allocsDelta') {
      throw new CaptureError(`${KIND_NAME[request.kind]} capture is not available: ${this.noHelperMessage()}`);
    }
    const bytes = await fetchProfile(this.pprofURL, request.kind, request.seconds);
    return { path: this.save(request.kind, 'pprofURL', bytes) };
  }

  private async captureGoroutines(): Promise<CaptureResult> {
    if (!this.lastStop) {
      throw new CaptureError(describeDelveError('debuggee is running', undefined));
    }
    const location = await this.stopLocation();
    const snapshot = await collectGoroutines(this.host, this.labelKeys).catch((err: Error) => {
      throw new CaptureError(describeDelveError(err.message, this.lastStop?.reason));
    });
    if (snapshot.listed === 0) {
      throw new CaptureError(describeDelveError('debuggee is running', undefined));
    }
    return { path: this.save('goroutine', location, goroutineProfile(snapshot)) };
  }

  private async captureSnapshot(kind: CaptureKind, threadId: number | undefined): Promise<CaptureResult> {
    const frame = await this.frame(threadId);
    const path = this.newPath(kind, frame.location);
    await this.write(frame, kind, path);
    this.announce(kind, path, frame.location);
    return { path };
  }

  private async write(frame: StopFrame, kind: CaptureKind, path: string): Promise<void> {
    const status = await this.call(frame, HELPER.write, [kind, path], [path]);
    if (status === 'off') {
      const [attr, example] = kind === 'block' ? ['blockProfileRate', DEFAULT_BLOCK_RATE] : ['mutexProfileFraction', DEFAULT_MUTEX_FRACTION];
      throw new CaptureError(`${KIND_NAME[kind]} profiling is off in this session ("${attr}" is 0): set "${attr}" (e.g. ${example}) in the launch configuration and restart.`);
    }
    this.check(status, [path]);
  }

  private async startCpu(threadId: number | undefined): Promise<CaptureResult> {
    if (this.recording) {
      throw new CaptureError(`A CPU profile is already recording since ${this.recording.location}; it ends at the next stop.`);
    }
    const frame = await this.frame(threadId);
    const path = this.newPath('cpu', frame.location);
    this.check(await this.call(frame, HELPER.cpuStart, [path], [path, path + PART_SUFFIX]), [path, path + PART_SUFFIX]);
    this.recording = { path, location: frame.location };
    this.host.sendEvent(RECORDING_EVENT, { recording: true, location: frame.location });
    this.host.log(`CPU profile recording from ${frame.location}; it ends at the next stop.`);
    return { recording: true };
  }

  /** Resumes, lets the helper sample for `seconds`, and pauses the program again. */
  private async captureCpuFor(seconds: number, threadId: number | undefined): Promise<CaptureResult> {
    if (this.recording) {
      throw new CaptureError(`A CPU profile is already recording since ${this.recording.location}; it ends at the next stop.`);
    }
    const frame = await this.frame(threadId);
    const path = this.newPath('cpu', frame.location);
    const millis = Math.round(seconds * 1000);
    this.check(await this.call(frame, HELPER.cpuFor, [path, millis], [path, path + PART_SUFFIX]), [path, path + PART_SUFFIX]);
    this.timed = true;
    try {
      const reported = new Promise<string>((done, fail) => {
        this.recording = { path, location: frame.location, done, fail };
      });
      this.host.sendEvent(RECORDING_EVENT, { recording: true, location: frame.location });
      await this.host.request('continue', { threadId: frame.threadId });
      this.host.sendEvent('continued', { threadId: frame.threadId, allThreadsContinued: true });
      const stopsBefore = this.stops;
      const outcome = await Promise.race([
        waitForFile(path, millis + 10000).then((written) => (written ? 'file' as const : 'late' as const)),
        reported.then(() => 'stop' as const),
      ]);
      // The file also appears when a stop ends the recording; then that stop reports it.
      if (outcome === 'file' && this.stops === stopsBefore && this.isRecording(path)) {
        // The program wrote the whole profile; pause it again where it is.
        this.recording = undefined;
        const paused = this.nextStop();
        await this.host.request('pause', { threadId: frame.threadId });
        await paused;
        this.announce('cpu', path, frame.location);
        return { path };
      }
      if (outcome === 'late' && this.isRecording(path)) {
        // The program never ran the helper's timer (e.g. it exited or blocked signals): stop it here.
        const paused = this.nextStop();
        await this.host.request('pause', { threadId: frame.threadId });
        await paused;
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

  private isRecording(path: string): boolean {
    return this.recording?.path === path;
  }

  private async endRecording(stop: StoppedInfo): Promise<void> {
    const rec = this.recording!;
    let status;
    try {
      const frame = await this.frame(stop.threadId);
      status = await this.call(frame, HELPER.cpuStop, [], []);
    } catch (err) {
      this.host.log(`The CPU profile keeps recording: ${(err as Error).message} It ends at the next stop where Delve can run the helper.`);
      return;
    }
    this.recording = undefined;
    // "none": the timed recording's own goroutine ended it just before this stop.
    if (status.startsWith('error: ') || !(await waitForFile(rec.path, 2000))) {
      rmSync(rec.path + PART_SUFFIX, { force: true });
      const message = `The CPU profile from ${rec.location} could not be written${status.startsWith('error: ') ? `: ${status.slice(7)}` : ''}.`;
      this.host.log(message);
      rec.fail?.(new CaptureError(message));
      return;
    }
    this.announce('cpu', rec.path, rec.location);
    rec.done?.(rec.path);
  }

  private async captureAllocDelta(threadId: number | undefined): Promise<CaptureResult> {
    if (this.baselines.current?.stop !== this.stops) {
      await this.takeBaseline(threadId, true);
    }
    const { previous, current } = this.baselines;
    if (!previous || !current) {
      this.trackAllocations = true;
      return {
        baseline: true,
        message: 'No allocation baseline from an earlier stop: one was taken here, and from now on at every stop. Capture again at the next stop to see what was allocated in between.',
      };
    }
    const note = `Allocations between ${previous.location} and ${current.location}`;
    const delta = allocationDelta(readFileSync(previous.path), readFileSync(current.path), note);
    const path = this.save('allocsDelta', current.location, delta.bytes);
    return { path };
  }

  /** Moves the current baseline to previous and snapshots allocations at this stop. */
  private async takeBaseline(threadId: number | undefined, mustSucceed = false): Promise<void> {
    const dir = this.plan?.tempDir;
    if (!dir) {
      return;
    }
    try {
      const frame = await this.frame(threadId);
      const path = join(dir, `baseline-${this.stops}.pb.gz`);
      await this.write(frame, 'allocs', path);
      if (this.baselines.previous) {
        rmSync(this.baselines.previous.path, { force: true });
      }
      this.baselines = { previous: this.baselines.current, current: { path, location: frame.location, stop: this.stops } };
    } catch (err) {
      if (mustSucceed) {
        throw err;
      }
      this.host.log(`No allocation baseline at this stop: ${(err as Error).message}`);
    }
  }

  private async frame(threadId: number | undefined): Promise<StopFrame> {
    const id = threadId ?? this.lastStop?.threadId;
    if (id === undefined) {
      throw new CaptureError(describeDelveError(this.lastStop ? 'no goroutine selected' : 'debuggee is running', this.lastStop?.reason));
    }
    return topFrame(this.host, id, this.lastStop?.reason);
  }

  private async stopLocation(): Promise<string> {
    const id = this.lastStop?.threadId;
    if (id === undefined) {
      return this.lastStop?.reason ?? 'stop';
    }
    return topFrame(this.host, id, this.lastStop?.reason).then((f) => f.location, () => this.lastStop?.reason ?? 'stop');
  }

  /** Runs a helper; files it may have started are removed if the call fails or is interrupted. */
  private async call(frame: StopFrame, fn: string, args: (string | number)[], outputs: string[]) {
    this.calling = true;
    try {
      return await callHelper(this.host, frame, this.plan!.helperPackage!, fn, args, this.lastStop?.reason);
    } catch (err) {
      for (const path of outputs) {
        rmSync(path, { force: true });
        if (/interrupted/.test((err as Error).message)) {
          this.orphans.add(path);
        }
      }
      throw err;
    } finally {
      this.calling = false;
    }
  }

  private check(status: string, outputs: string[]): void {
    if (status.startsWith('error: ')) {
      outputs.forEach((p) => rmSync(p, { force: true }));
      throw new CaptureError(`The profiling helper failed: ${status.slice(7)}`);
    }
  }

  private newPath(kind: CaptureKind, location: string): string {
    mkdirSync(this.profileDir, { recursive: true });
    return profileFileName(this.profileDir, kind, location);
  }

  private save(kind: CaptureKind, location: string, bytes: Uint8Array): string {
    const path = this.newPath(kind, location);
    writeFileSync(path, bytes);
    this.announce(kind, path, location);
    return path;
  }

  private announce(kind: CaptureKind, path: string, location: string): void {
    if (kind === 'cpu') {
      this.host.sendEvent(RECORDING_EVENT, { recording: false, location });
    }
    this.host.sendEvent(CAPTURED_EVENT, { kind, path, location });
    this.host.log(`${KIND_NAME[kind]} profile at ${location}: ${path}`);
  }

  private nextStop(): Promise<StoppedInfo> {
    return new Promise((resolve) => this.stopWaiters.push(resolve));
  }

  private removeOrphans(): void {
    for (const path of this.orphans) {
      rmSync(path, { force: true });
      rmSync(path + PART_SUFFIX, { force: true });
    }
    this.orphans.clear();
  }
}

function parseArgs(args: Record<string, unknown>): CaptureArgs {
  const kind = args.kind as CaptureKind;
  if (!CAPTURE_KINDS.includes(kind)) {
    throw new CaptureError(`Unknown capture kind "${String(args.kind)}": use one of ${CAPTURE_KINDS.join(', ')}.`);
  }
  const threadId = typeof args.threadId === 'number' ? args.threadId : undefined;
  let seconds: number | undefined;
  if (args.seconds !== undefined) {
    seconds = Number(args.seconds);
    if (kind !== 'cpu' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_SECONDS) {
      throw new CaptureError(kind === 'cpu' ? `seconds must be between 0 and ${MAX_SECONDS}.` : 'seconds applies only to cpu captures.');
    }
  }
  return { kind, threadId, seconds };
}
