/**
 * One capture controller per debug session: answers `goProfile.*` requests by running the
 * Go helper at the stop (or, without it, reading the runtime's profile records and Delve's
 * goroutines), ends CPU recordings at the next
 * stop, keeps allocation baselines, and leaves nothing behind when the session ends.
 */
import { rmSync } from 'node:fs';
import {
  CAPABILITIES_REQUEST, CAPTURED_EVENT, CAPTURE_KINDS, CAPTURE_REQUEST, CaptureArgs, CaptureController, CaptureHost,
  CaptureKind, CaptureResult, DlvLaunchArgs, PROFILEPOINTS_REQUEST, ProfilepointTag, RECORDING_EVENT, StopOutcome, StoppedInfo, TRACE_REQUEST,
} from './api';
import { AllocBaselines } from './allocBaselines';
import { FLIGHT_KIND, FlightRecorderCapture } from './flightRecorder';
import { FlightSetup, noHelper, planFlightRecorder } from './flightRecorderLaunch';
import { collectGoroutines, goroutineProfile, truncationNote } from './goroutines';
import { HelperCalls } from './helperCalls';
import { topFrame } from './inject';
import { HelperPlan, prepareHelperPlan } from './launch';
import { goToolchain } from './leaks/goVersion';
import { missingProfileMessage } from './leaks/leakBuild';
import { captureLeaks, describeLeaks } from './leaks/leakCapture';
import { CaptureError, KIND_NAME, describeDelveError } from './messages';
import { profileFileName } from './naming';
import { defaultProfileDir, readyProfileDir, writeNewProfile } from './profileFolder';
import { fetchProfile } from './pprofHttp';
import { ProfilepointStops } from './profilepoints/atProfilepoint';
import { seriesTotal } from './profilepoints/seriesTotal';
import { ProfilepointTable } from './profilepoints/table';
import { parseCaptureArgs, parseThreadId } from './requestArgs';
import { TraceRecorder } from './traceRecorder';
import { CpuRecorder } from './cpuRecorder';
import { PauseSettler } from './pauseSettler';
import { encodeProfileFile } from './profileBytes';
import { RUNTIME_PROFILE_KINDS, RuntimeProfileKind, hostTicks, readRuntimeProfile } from './runtimeProfile';

export function createCaptureController(host: CaptureHost): CaptureController {
  return new Controller(host);
}

class Controller implements CaptureController {
  private plan?: HelperPlan;
  /** Present when the helper is in the build (launch modes debug and test). */
  private helper?: HelperCalls;
  private baselines?: AllocBaselines;
  private trace?: TraceRecorder;
  private flightSetup: FlightSetup = {};
  private pprofURL?: string;
  private profileDir = defaultProfileDir();
  /** Set synchronously when a capture request starts, so a second one is refused before any await. */
  private claimed = false;
  /** The program exited (or the session ended): every capture says so instead of "running". */
  private ended = false;
  private lastStop?: StoppedInfo;
  private lastStopAt?: number;
  private stops = 0;
  private cpu?: CpuRecorder;
  private trackAllocations = false;
  /** The user's showPprofLabels, restored after a goroutine capture lists every label. */
  private labelKeys: string[] = [];
  /** Called once the next stop the client sees has been handled, or when the session ends. */
  private readonly stopWaiters: (() => void)[] = [];
  private readonly settler: PauseSettler;
  private readonly profilepoints = new ProfilepointTable();
  private readonly pointStops: ProfilepointStops;
  /** The profilepoint whose capture runs now: what it announces joins that series. */
  private tagging?: ProfilepointTag;
  /** The cpuStart profilepoint of the CPU recording running now, if a profilepoint started it. */
  private cpuSeries?: ProfilepointTag;

  constructor(private readonly host: CaptureHost) {
    this.pointStops = new ProfilepointStops(host, this.profilepoints);
    this.settler = new PauseSettler(host, (goroutine) => this.helper?.canCall(goroutine) ?? Promise.resolve(true));
  }

  async prepareLaunch(args: DlvLaunchArgs): Promise<DlvLaunchArgs> {
    const flight = await planFlightRecorder(args);
    this.plan = prepareHelperPlan(args, flight.seconds);
    if (flight.seconds && this.plan.noHelperReason) {
      flight.reason = noHelper(`here ${this.plan.noHelperReason}`);
      flight.seconds = undefined;
    }
    if (flight.reason) {
      this.host.log(`No flight recorder in this session: ${flight.reason}.`);
    }
    this.flightSetup = flight;
    if (this.plan.leakNote) {
      this.host.log(this.plan.leakNote);
    }
    if (this.plan.helperPackage && this.plan.tempDir) {
      this.helper = new HelperCalls(this.host, this.plan.helperPackage, () => this.lastStop);
      this.baselines = new AllocBaselines(this.plan.tempDir);
      const pause = (goroutine: number): Promise<void> => this.pauseAndSettle(goroutine);
      this.cpu = new CpuRecorder(this.host, this.helper, (location) => this.newPath('cpu', location), (path, location) => this.announce('cpu', path, location), () => this.stops, pause);
      this.trace = new TraceRecorder(this.host, this.helper, () => readyProfileDir(this.profileDir), pause);
    }
    this.pprofURL = typeof args.pprofURL === 'string' && args.pprofURL ? args.pprofURL : undefined;
    if (typeof args.profileDir === 'string' && args.profileDir) {
      this.profileDir = args.profileDir;
    }
    this.trackAllocations = args.trackAllocations === true;
    if (args.profilepoints !== undefined) {
      // Set before the program runs, so the first hit already captures.
      try {
        this.profilepoints.set({ points: args.profilepoints });
      } catch (err) {
        this.host.log(`Profilepoints of the launch configuration were not set: ${(err as Error).message}`);
      }
    }
    this.labelKeys = Array.isArray(args.showPprofLabels) ? args.showPprofLabels.map(String) : [];
    return this.plan.args;
  }

  async handleRequest(command: string, args: Record<string, unknown>): Promise<object> {
    if (command === CAPABILITIES_REQUEST) {
      return this.capabilities();
    }
    if (command === PROFILEPOINTS_REQUEST) {
      return this.profilepoints.set(args);
    }
    if (command !== CAPTURE_REQUEST && command !== TRACE_REQUEST) {
      throw new CaptureError(`Unknown request ${command}.`);
    }
    if (this.ended) {
      throw new CaptureError('The program has exited: there is nothing left to capture. Start a new debug session to capture again.');
    }
    const flight = command === CAPTURE_REQUEST && args.kind === FLIGHT_KIND;
    const request = command === CAPTURE_REQUEST && !flight ? parseCaptureArgs(args) : undefined;
    const threadId = flight ? parseThreadId(args.threadId) : undefined;
    if (this.claimed || this.helper?.calling || this.cpu?.busy || this.trace?.busy) {
      throw new CaptureError('Another capture is still in progress: wait for it to finish.');
    }
    this.claimed = true;
    try {
      return await this.dispatch(args, request, flight, threadId);
    } finally {
      this.claimed = false;
    }
  }

  private async dispatch(args: Record<string, unknown>, request: CaptureArgs | undefined, flight: boolean, flightThread: number | undefined): Promise<object> {
    if (flight) {
      return new FlightRecorderCapture(this.host, this.helper, this.flightSetup, () => readyProfileDir(this.profileDir), this.lastStopAt).capture(flightThread);
    }
    if (!request) {
      if (!this.trace) {
        throw new CaptureError(`Execution traces are not available: ${this.noHelperMessage()}`);
      }
      return this.trace.handle(args);
    }
    if (typeof args.series === 'string' && args.series && !this.tagging) {
      // A Delve script's `on BP profile KIND`: its captures form a series named for the breakpoint.
      const tag = this.profilepoints.tagSeries(args.series);
      let result: object = {};
      await this.tagged(tag, async () => {
        // Within this request's claim: straight to dispatch, not through handleRequest again.
        result = await this.dispatch({ ...args, series: undefined }, request, false, undefined);
      });
      return result;
    }
    const helper = this.helper;
    if (request.kind === 'goroutine') {
      return this.captureGoroutines().catch((err: Error) => {
        // A running program cannot show Delve its goroutines, but its endpoint can.
        if (this.pprofURL && !helper && /running/.test(err.message)) {
          return this.captureWithoutHelper(request);
        }
        throw err;
      });
    }
    if (!helper) {
      return this.captureWithoutHelper(request);
    }
    switch (request.kind) {
      case 'cpu':
        return request.seconds ? this.cpu!.recordFor(request.seconds, request.threadId) : this.cpu!.start(request.threadId);
      case 'allocsDelta':
        return this.captureAllocDelta(helper, request.threadId);
      case 'goroutineleak':
        return this.captureLeaks(helper, request.threadId);
      default:
        return this.captureSnapshot(helper, request.kind, request.threadId);
    }
  }

  /** Pauses the program (ending a timed capture) and resolves once the settled stop was handled here. */
  private async pauseAndSettle(goroutine: number): Promise<void> {
    const handled = new Promise<void>((resolve) => this.stopWaiters.push(resolve));
    await this.settler.pause(goroutine);
    await handled;
  }

  async onStopped(dlvStop: StoppedInfo): Promise<StopOutcome | void> {
    let stop = dlvStop;
    let settled: StopOutcome | undefined;
    if (this.settler.active) {
      settled = await this.settler.onStop(dlvStop);
      if (settled.hide) {
        return settled;
      }
      stop = { reason: settled.reason ?? stop.reason, threadId: settled.threadId ?? stop.threadId };
    }
    this.stops++;
    this.lastStop = stop;
    this.lastStopAt = Date.now();
    const helper = this.helper;
    let outcome: StopOutcome | undefined;
    if (helper && !helper.calling) {
      helper.removeOrphans();
      // Profilepoints and allocation baselines act at the stop itself: the recording ends first.
      await this.cpu?.onStopped(stop, stop.clientNext === true && !this.profilepoints.size && !this.trackAllocations);
      await this.trace?.onStopped(stop);
      if (this.trackAllocations) {
        await this.baselines!.take(helper, stop.threadId, this.stops).catch((err: Error) => {
          this.host.log(`No allocation baseline at this stop: ${err.message}`);
        });
      }
      outcome = await this.pointStops.onStop(stop, (kind, tag) => this.tagged(tag, () => this.captureAt(kind, stop.threadId!, tag)));
    }
    for (const waiter of this.stopWaiters.splice(0)) {
      waiter();
    }
    return outcome ?? settled;
  }

  get hasStopWork(): boolean {
    return this.cpu?.endsLater ?? false;
  }

  finishStopWork(): Promise<void> {
    return this.cpu?.endNow() ?? Promise.resolve();
  }

  /** A profilepoint's capture; `cpuStop` has nothing to do: every stop ends a CPU recording. */
  private async captureAt(kind: string, threadId: number, tag: ProfilepointTag): Promise<void> {
    if (kind === 'cpuStart') {
      this.cpuSeries = undefined;
      await this.cpu!.start(threadId);
      this.cpuSeries = tag;
    } else if (kind !== 'cpuStart' && kind !== 'cpuStop') {
      await this.handleRequest(CAPTURE_REQUEST, { kind, threadId });
    }
  }

  private async tagged(tag: ProfilepointTag, capture: () => Promise<void>): Promise<void> {
    this.tagging = tag;
    try {
      await capture();
    } finally {
      this.tagging = undefined;
    }
  }

  async dispose(): Promise<void> {
    this.ended = true;
    this.settler.dispose();
    this.stopWaiters.splice(0).forEach((waiter) => waiter());
    this.cpu?.dispose();
    this.trace?.dispose();
    this.helper?.removeOrphans();
    this.baselines?.dispose();
    if (this.plan?.tempDir) {
      rmSync(this.plan.tempDir, { recursive: true, force: true });
    }
  }

  private capabilities(): object {
    if (this.helper) {
      return { kinds: CAPTURE_KINDS };
    }
    const kinds: CaptureKind[] = ['goroutine', ...RUNTIME_PROFILE_KINDS, ...(this.pprofURL ? ['cpu' as const] : [])];
    return { kinds, reason: this.noHelperMessage() };
  }

  private noHelperMessage(): string {
    const why = this.plan?.noHelperReason ?? 'the session has not launched a program';
    return `CPU profiles, traces and "allocations since the last stop" need the profiling helper, which a go-dlv launch (mode "debug" or "test") builds into the program to make it sample itself; here ${why}. Heap, allocation, block, mutex and goroutine captures work in every session (read from the runtime through Delve); for CPU set "pprofURL" to a net/http/pprof endpoint the program serves.`;
  }

  private async captureWithoutHelper(request: CaptureArgs): Promise<CaptureResult> {
    if ((RUNTIME_PROFILE_KINDS as readonly string[]).includes(request.kind)) {
      try {
        return await this.captureFromRuntime(request.kind as RuntimeProfileKind);
      } catch (err) {
        // A running program shows Delve nothing, but its endpoint answers.
        if (!(this.pprofURL && /running/.test((err as Error).message))) {
          throw err;
        }
      }
    }
    if (!this.pprofURL || request.kind === 'allocsDelta') {
      throw new CaptureError(`${KIND_NAME[request.kind]} capture is not available: ${this.noHelperMessage()}`);
    }
    const bytes = await fetchProfile(this.pprofURL, request.kind, request.seconds);
    return { path: this.save(request.kind, 'pprofURL', bytes) };
  }

  /** The profile the runtime itself would write at this stop, from its buckets (no code runs in the program). */
  private async captureFromRuntime(kind: RuntimeProfileKind): Promise<CaptureResult> {
    const location = await this.stopLocation();
    // A program on this machine (not a remote dlv's, not a core file) runs at this machine's tick rate.
    const local = this.plan !== undefined && !['remote', 'core'].includes(String(this.plan.args.mode));
    const read = await readRuntimeProfile(this.host, kind, local ? hostTicks() : undefined).catch((err: Error) => {
      throw new CaptureError(/running/i.test(err.message) ? describeDelveError(err.message, undefined) : `${KIND_NAME[kind]} capture could not read the Go runtime's profile records: ${err.message}`);
    });
    if (read.note) {
      this.host.log(read.note);
    }
    return { path: this.save(kind, location, encodeProfileFile(read.profile)), message: read.note };
  }

  /** Where the program stopped, for a file name: the top frame, or the reason without a goroutine. */
  private async stopLocation(): Promise<string> {
    const stop = this.lastStop;
    if (!stop) {
      throw new CaptureError(describeDelveError('debuggee is running', undefined));
    }
    return stop.threadId === undefined ? stop.reason : topFrame(this.host, stop.threadId, stop.reason).then((f) => f.location, () => stop.reason);
  }

  private async captureGoroutines(): Promise<CaptureResult> {
    const location = await this.stopLocation();
    const snapshot = await collectGoroutines(this.host, this.labelKeys).catch((err: Error) => {
      throw new CaptureError(describeDelveError(err.message, this.lastStop?.reason));
    });
    if (snapshot.listed === 0) {
      throw new CaptureError(describeDelveError('debuggee is running', undefined));
    }
    const path = this.save('goroutine', location, goroutineProfile(snapshot));
    const note = truncationNote(snapshot);
    if (note) {
      this.host.log(note);
    }
    return note ? { path, message: note } : { path };
  }

  private async captureSnapshot(helper: HelperCalls, kind: CaptureKind, threadId: number | undefined): Promise<CaptureResult> {
    const frame = await helper.frame(threadId);
    const path = this.newPath(kind, frame.location);
    await helper.write(frame, kind, path);
    this.announce(kind, path, frame.location);
    return { path };
  }

  private async captureAllocDelta(helper: HelperCalls, threadId: number | undefined): Promise<CaptureResult> {
    const baselines = this.baselines!;
    if (!baselines.has(this.stops)) {
      await baselines.take(helper, threadId, this.stops);
    }
    const delta = baselines.delta();
    if (!delta) {
      this.trackAllocations = true;
      return {
        baseline: true,
        message: 'No allocation baseline from an earlier stop: one was taken here, and from now on at every stop. Capture again at the next stop to see what was allocated in between.',
      };
    }
    return { path: this.save('allocsDelta', delta.location, delta.bytes) };
  }

  private async captureLeaks(helper: HelperCalls, threadId: number | undefined): Promise<CaptureResult> {
    const frame = await helper.frame(threadId);
    const path = this.newPath('goroutineleak', frame.location);
    const plan = this.plan!;
    const leaks = await captureLeaks(helper, frame, path, () => missingProfileMessage(goToolchain(plan.goDir ?? process.cwd(), plan.args.env), plan.args.detectGoroutineLeaks === true));
    this.host.sendEvent(CAPTURED_EVENT, { kind: 'goroutineleak', path, location: frame.location, leaks, ...this.seriesFields('goroutineleak', path) });
    this.host.log(describeLeaks(leaks, frame.location));
    return { path, leaks };
  }

  /** A CPU recording reports at the stop after its start: its series is the one that started it. */
  private seriesFields(kind: CaptureKind, path: string): object {
    const tag = kind === 'cpu' ? (this.tagging ?? this.cpuSeries) : this.tagging;
    if (kind === 'cpu') {
      this.cpuSeries = undefined;
    }
    return tag ? { profilepoint: tag, total: seriesTotal(path) } : {};
  }

  private newPath(kind: CaptureKind, location: string): string {
    return profileFileName(readyProfileDir(this.profileDir), kind, location);
  }

  private save(kind: CaptureKind, location: string, bytes: Uint8Array): string {
    const path = writeNewProfile(() => this.newPath(kind, location), bytes);
    this.announce(kind, path, location);
    return path;
  }

  private announce(kind: CaptureKind, path: string, location: string): void {
    if (kind === 'cpu') {
      this.host.sendEvent(RECORDING_EVENT, { recording: false, location });
    }
    this.host.sendEvent(CAPTURED_EVENT, { kind, path, location, ...this.seriesFields(kind, path) });
    this.host.log(`${KIND_NAME[kind]} profile at ${location}: ${path}`);
  }
}
