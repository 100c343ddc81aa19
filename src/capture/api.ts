/**
 * The seam between the debug adapter (src/debug) and profile capture (src/capture).
 * The adapter owns the DAP connections; capture only needs to talk to dlv and to tell
 * the client what happened, so it sees the session through this narrow interface and can
 * be tested against real dlv without the adapter.
 */

/** The launch or attach arguments as the adapter is about to pass them to `dlv dap`. */
export interface DlvLaunchArgs {
  request: 'launch' | 'attach';
  mode?: string;
  program?: string;
  cwd?: string;
  buildFlags?: string;
  env?: Record<string, string | null>;
  /** Rates for runtime.SetBlockProfileRate / SetMutexProfileFraction set at startup. */
  blockProfileRate?: number;
  mutexProfileFraction?: number;
  /** A net/http/pprof base URL for sessions without the helper (exec, attach). */
  pprofURL?: string;
  /** Where captured profiles are written; the adapter picks a default per workspace. */
  profileDir?: string;
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
}

export interface StoppedInfo {
  reason: string;
  threadId?: number;
}

/** One controller per debug session; the adapter calls it at these points. */
export interface CaptureController {
  /** Called before launch/attach is forwarded; returns the arguments dlv should get. */
  prepareLaunch(args: DlvLaunchArgs): Promise<DlvLaunchArgs>;
  /** Answers a `goProfile.*` custom request; rejects with a short user-facing message. */
  handleRequest(command: string, args: Record<string, unknown>): Promise<object>;
  /** Called when dlv reports a stop, before the stop is forwarded to the client. */
  onStopped(stop: StoppedInfo): Promise<void>;
  /** Called when the debuggee exits or the session ends; must leave nothing behind. */
  dispose(): Promise<void>;
}
