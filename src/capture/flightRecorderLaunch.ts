/**
 * The `flightRecorder` launch attribute: validated before anything is built, and checked
 * against the Go toolchain dlv will build with, because trace.FlightRecorder exists only
 * from Go 1.25 on and the generated file would break an older build.
 */
import { execFile } from 'node:child_process';
import { resolve, dirname } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import { DlvLaunchArgs } from './api';
import { CaptureError } from './messages';

export const FLIGHT_ATTRIBUTE = 'flightRecorder';
const MAX_SECONDS = 600;

/** What a session's launch decided about the flight recorder. */
export interface FlightSetup {
  /** Seconds of history the helper keeps; absent when no recorder runs. */
  seconds?: number;
  /** Why no recorder runs although the launch asked for one (older Go, exec, attach …). */
  reason?: string;
}

/** The seconds asked for, undefined when the attribute is absent; a bad value fails the launch. */
export function parseFlightAttribute(value: unknown): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const seconds = typeof value === 'object' ? (value as { seconds?: unknown }).seconds : undefined;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > MAX_SECONDS) {
    throw new CaptureError(`"${FLIGHT_ATTRIBUTE}" must be {"seconds": N} with N a whole number from 1 to ${MAX_SECONDS}, e.g. {"seconds": 5}.`);
  }
  return seconds;
}

/** Decides whether the helper starts a recorder (before the helper's files are written). */
export async function planFlightRecorder(args: DlvLaunchArgs): Promise<FlightSetup> {
  const seconds = parseFlightAttribute(args[FLIGHT_ATTRIBUTE]);
  if (seconds === undefined) {
    return {};
  }
  const mode = args.request === 'attach' ? 'attach' : (args.mode ?? 'debug');
  if (mode !== 'debug' && mode !== 'test') {
    return { reason: noHelper(`this is ${mode === 'attach' ? 'an attach session' : `a launch with mode "${mode}"`}, which runs a binary built without it`) };
  }
  const version = await goVersion(buildDir(args), args.env);
  if (version === undefined) {
    return { reason: `"${FLIGHT_ATTRIBUTE}" needs Go 1.25 or newer, and "go env GOVERSION" did not answer here` };
  }
  if (!atLeastGo125(version)) {
    return { reason: `"${FLIGHT_ATTRIBUTE}" needs Go 1.25 or newer; this program builds with ${version}` };
  }
  return { seconds };
}

/** The reason when the helper itself could not be added to the build. */
export function noHelper(why: string): string {
  return `"${FLIGHT_ATTRIBUTE}" needs the profiling helper, which only go-dlv launches with mode "debug" or "test" build in; ${why}`;
}

/** go1.25.3, go1.26rc1, "devel go1.27-abcdef …" all count by their minor version. */
export function atLeastGo125(version: string): boolean {
  const m = /go1\.(\d+)/.exec(version);
  return m !== null && Number(m[1]) >= 25;
}

function buildDir(args: DlvLaunchArgs): string {
  const base = args.cwd ?? process.cwd();
  const program = typeof args.program === 'string' && args.program ? resolve(base, args.program) : base;
  if (existsSync(program) && statSync(program).isDirectory()) {
    return program;
  }
  return existsSync(dirname(program)) ? dirname(program) : base;
}

/** The toolchain `go build` picks in that directory (GOTOOLCHAIN and go.mod's toolchain line included). */
function goVersion(cwd: string, env: DlvLaunchArgs['env']): Promise<string | undefined> {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(env ?? {})) {
    if (v === null) {
      delete merged[k];
    } else {
      merged[k] = v;
    }
  }
  return new Promise((done) => {
    execFile('go', ['env', 'GOVERSION'], { cwd, env: merged, timeout: 60000 }, (err, stdout) => {
      done(err ? undefined : stdout.trim() || undefined);
    });
  });
}
