/**
 * `detectGoroutineLeaks`: what the build needs for the goroutineleak profile. Go 1.26 has it
 * only behind GOEXPERIMENT=goroutineleakprofile, set at build time (dlv applies the launch's
 * env to itself before it builds, so the env of the launch reaches go build); from Go 1.27 it is
 * on by default; older Go does not have it.
 */
import { GoToolchain } from './goVersion';

export const LEAK_EXPERIMENT = 'goroutineleakprofile';
const FIRST_MINOR = 26;
const DEFAULT_MINOR = 27;

export type LeakBuild =
  | { kind: 'ready'; experiment?: string }
  | { kind: 'unsupported'; message: string };

/**
 * The GOEXPERIMENT value the build needs, merged with the one the user set (the launch env,
 * the environment or go env: `go env` in that env reports it), or why the profile cannot exist.
 */
export function leakBuild(go: GoToolchain | undefined): LeakBuild {
  if (!go) {
    return { kind: 'unsupported', message: 'the go command could not be run to find the Go version' };
  }
  if (go.minor !== undefined && go.minor < FIRST_MINOR) {
    return { kind: 'unsupported', message: unsupportedMessage(go.version) };
  }
  if (go.minor !== undefined && go.minor >= DEFAULT_MINOR) {
    return { kind: 'ready' };
  }
  const current = go.experiment.split(',').map((e) => e.trim()).filter(Boolean);
  const kept = current.filter((e) => e !== `no${LEAK_EXPERIMENT}` && e !== LEAK_EXPERIMENT);
  return { kind: 'ready', experiment: [...kept, LEAK_EXPERIMENT].join(',') };
}

export function unsupportedMessage(version: string): string {
  return `Leaked goroutines need Go 1.26 or later; this program is built with ${version}.`;
}

/** Why a capture found no goroutineleak profile in the build, and what fixes it. */
export function missingProfileMessage(go: GoToolchain | undefined, detectRequested: boolean): string {
  if (go?.minor !== undefined && go.minor < FIRST_MINOR) {
    return unsupportedMessage(go.version);
  }
  if (detectRequested) {
    return `This build has no goroutine leak profile although "detectGoroutineLeaks" is set${go ? ` (${go.version}, GOEXPERIMENT=${go.experiment || 'none'})` : ''}: check that GOEXPERIMENT does not turn ${LEAK_EXPERIMENT} off.`;
  }
  return `Leaked goroutines need the goroutineleak profile in the build: set "detectGoroutineLeaks": true in the launch configuration (on Go 1.26 it builds with GOEXPERIMENT=${LEAK_EXPERIMENT}) and restart.`;
}
