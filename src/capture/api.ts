/**
 * The seam between the debug adapter (src/debug) and profile capture (src/capture).
 * The adapter owns the DAP connections; capture only needs to talk to dlv and to tell
 * the client what happened, so it sees the session through this narrow interface and can
 * be tested against real dlv without the adapter.
 */
import type { LeakGroup } from './leaks/leakStacks';
import type { ProfilepointTag, SeriesTotal } from './profilepoints/types';

export type { LeakFrame, LeakGroup } from './leaks/leakStacks';
export { PROFILEPOINTS_REQUEST, PROFILEPOINT_KINDS } from './profilepoints/types';
export type { Profilepoint, ProfilepointKind, ProfilepointTag, SeriesTotal, SetProfilepointsArgs } from './profilepoints/types';

/** The launch or attach arguments as the adapter is about to pass them to `dlv dap`. */
export interface DlvLaunchArgs {
  request: 'launch' | 'attach';
  mode?: string;
  program?: string;
  cwd?: string;
  buildFlags?: string;
  env?: Record<string, string | null>;
  /**
   * Rates for runtime.SetBlockProfileRate / SetMutexProfileFraction set at startup by the
   * helper (launch modes debug/test). Absent: 10000 ns and 1 in 5; 0 turns that profile off.
   */
  blockProfileRate?: number;
  mutexProfileFraction?: number;
  /**
   * runtime.MemProfileRate for the session (bytes per sampled allocation; Go's default is
   * 512 KiB). Smaller values make heap and "allocations since last stop" exact for small
   * allocations at some cost in speed; 1 records every allocation.
   */
  memProfileRate?: number;
  /** A net/http/pprof base URL for sessions without the helper (exec, attach). */
  pprofURL?: string;
  /** Where captured profiles are written; the adapter picks a default per workspace. */
  profileDir?: string;
  /**
   * A directory the adapter removes when the session ends, even when the adapter itself is
   * killed (its watchdog). Capture keeps its helper, overlay and baselines under it when given;
   * the key is not passed on to dlv.
   */
  scratchDir?: string;
  /**
   * Directories (GOROOT, GOMODCACHE) the helper is never added beneath: a package there is
   * not the user's, and other builds share it. The key is not passed on to dlv.
   */
  helperForbiddenRoots?: string[];
  /** Take an allocation baseline at every stop so `allocsDelta` works from the first stop on. */
  trackAllocations?: boolean;
  /**
   * Build with what the Go version needs for the `goroutineleak` profile (Go 1.26:
   * GOEXPERIMENT=goroutineleakprofile, merged with the user's; from 1.27 nothing).
   */
  detectGoroutineLeaks?: boolean;
  /** Profilepoints from the start (the `points` of `goProfile.setProfilepoints`); dlv ignores the key. */
  profilepoints?: unknown;
  [key: string]: unknown;
}

/** What capture may do with the session. */
export interface CaptureHost {
  /** Sends a DAP request to dlv; resolves with the response body, rejects with dlv's message. */
  request(command: string, args: object): Promise<unknown>;
  /** Sends a custom event to the client (e.g. `goProfile.captured`). */
  sendEvent(event: string, body: object): void;
  /** Writes a line to the debug console. */
  log(text: string): void;
  /**
   * A file the debuggee may be writing (a recording's `.part`) that must not outlive the
   * adapter: the adapter's watchdog removes it if the adapter is killed.
   */
  holdsTemp?(path: string): void;
}

export interface StoppedInfo {
  reason: string;
  threadId?: number;
  /**
   * Only the client moves the program on from this stop (no Delve script acts at it): a CPU
   * recording may then end after the client has seen the stop (see finishStopWork).
   */
  clientNext?: boolean;
}

/**
 * A stop capture has handled itself (a profilepoint's): `hide` means the client must not see
 * it; capture has already moved the program on (continued, or stepped one instruction to a
 * safe point, whose stop comes to capture again).
 */
export interface StopOutcome {
  hide: boolean;
  /**
   * Show the stop on this goroutine, with this reason, instead of what dlv said: the pause
   * that ends a timed capture is settled on a goroutine the user can use (src/capture/pauseSettler.ts).
   */
  threadId?: number;
  reason?: string;
}

/** One controller per debug session; the adapter calls it at these points. */
export interface CaptureController {
  /** Called before launch/attach is forwarded; returns the arguments dlv should get. */
  prepareLaunch(args: DlvLaunchArgs): Promise<DlvLaunchArgs>;
  /** Answers a `goProfile.*` custom request; rejects with a short user-facing message. */
  handleRequest(command: string, args: Record<string, unknown>): Promise<object>;
  /**
   * Called when dlv reports a stop, before the stop is forwarded to the client. An outcome
   * says the stop was a profilepoint's: the client must not see it.
   */
  onStopped(stop: StoppedInfo): Promise<StopOutcome | void>;
  /**
   * True when a stop left work for after the client saw it: ending a CPU recording runs the
   * program briefly (about 15 ms on Linux, up to 100 ms more on macOS, where runtime/pprof's
   * writer polls), which is then not on the path to showing the stop.
   */
  readonly hasStopWork: boolean;
  /** Runs the work a stop left (or waits for it if it runs already); never rejects. */
  finishStopWork(): Promise<void>;
  /** Called when the debuggee exits or the session ends; must leave nothing behind. */
  dispose(): Promise<void>;
}

/**
 * What `goProfile.capture` can take. Snapshot kinds (heap, allocs, block, mutex, goroutine)
 * and `allocsDelta` — the allocations (alloc_space, alloc_objects) between the previous stop
 * and this one — respond with a `CaptureResult` that has `path`; `cpu` without `seconds`
 * responds `{recording: true}` and ends at the next stop; `cpu` with `seconds` responds with
 * `path` once the process is paused again (or stopped earlier by a breakpoint).
 * `goroutineleak` runs the runtime's leak detection and responds with `path` (the runtime's
 * goroutineleak profile: only the leaked goroutines) and `leaks` (grouped, with creation sites).
 */
export type CaptureKind = 'heap' | 'allocs' | 'block' | 'mutex' | 'goroutine' | 'cpu' | 'allocsDelta' | 'goroutineleak';

export const CAPTURE_KINDS: readonly CaptureKind[] = ['heap', 'allocs', 'block', 'mutex', 'goroutine', 'cpu', 'allocsDelta', 'goroutineleak'];

/** Arguments of the custom request `goProfile.capture`. */
export interface CaptureArgs {
  kind: CaptureKind;
  /** The goroutine (DAP thread) to run the helper on; defaults to the one that stopped. */
  threadId?: number;
  /** For `cpu`: sample this many seconds (resuming the program), then pause it again. */
  seconds?: number;
}

/** Response body of `goProfile.capture`. */
export interface CaptureResult {
  /** Absolute path of the written .pb.gz. */
  path?: string;
  /** `cpu` without seconds: a recording started and ends at the next stop. */
  recording?: boolean;
  /**
   * `allocsDelta` at a stop with no usable baseline from the previous stop: a baseline was
   * taken here instead; the next stop can show the allocations since this one.
   */
  baseline?: boolean;
  /** A one-line note for the user (e.g. why a baseline was taken instead). */
  message?: string;
  /** `goroutineleak`: the leaked goroutines, grouped by stack and creating `go` statement. */
  leaks?: LeakGroup[];
}

/** Body of the event `goProfile.captured`, sent for every finished capture. */
export interface CapturedEvent {
  kind: CaptureKind;
  path: string;
  /** Where the capture was taken, e.g. `main.buildCache:42` (for cpu: where it started). */
  location: string;
  /** `goroutineleak`: as in the response. */
  leaks?: LeakGroup[];
  /** Captures made by a profilepoint: which one, its hit number, and the series' charted total. */
  profilepoint?: ProfilepointTag;
  total?: SeriesTotal;
}

/** Body of the event `goProfile.recording`: a CPU recording started (true) or ended (false). */
export interface RecordingEvent {
  recording: boolean;
  location?: string;
}

/** The custom requests capture answers. */
export const CAPTURE_REQUEST = 'goProfile.capture';
/** Response body `{kinds: CaptureKind[], reason?: string}`: what this session can capture. */
export const CAPABILITIES_REQUEST = 'goProfile.capabilities';
export const CAPTURED_EVENT = 'goProfile.captured';
export const RECORDING_EVENT = 'goProfile.recording';

/**
 * Custom request `goProfile.trace` (arguments `TraceArgs`): starts a runtime/trace at the
 * stop through the helper. Without `seconds` it responds `{tracing: true}` and the trace ends
 * at the next stop; with `seconds` it resumes the program, ends the trace after that long (or
 * at an earlier stop), pauses the program and responds with `path`. Either way a finished
 * trace is reported with the event `goProfile.traced` (`TracedEvent`).
 */
export const TRACE_REQUEST = 'goProfile.trace';
export const TRACED_EVENT = 'goProfile.traced';

export interface TraceArgs {
  threadId?: number;
  seconds?: number;
}

export interface TraceResult {
  /** Absolute path of the written trace (`go tool trace` reads it). */
  path?: string;
  /** Without seconds: the trace started and ends at the next stop. */
  tracing?: boolean;
  summary?: TraceSummary;
}

/** Measured by the helper between trace start and stop. */
export interface TraceSummary {
  millis: number;
  goroutinesAtStart: number;
  goroutinesAtEnd: number;
  gcCount: number;
  gcPauseNanos: number;
}

export interface TracedEvent {
  path: string;
  /** Where the trace started, e.g. `main.main:40`. */
  location: string;
  summary?: TraceSummary;
}
