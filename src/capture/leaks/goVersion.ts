/**
 * What the go command in the program's directory will build with: its version (a go.mod
 * toolchain line can change it) and the GOEXPERIMENT it already has.
 */
import { execFileSync } from 'node:child_process';

export interface GoToolchain {
  /** e.g. "go1.26.8". */
  version: string;
  /** Minor version, e.g. 26; undefined for a development build. */
  minor?: number;
  experiment: string;
}

/** Runs `go env` without a shell; undefined when go cannot be run here. */
export function goToolchain(dir: string, env: Record<string, string | null> | undefined): GoToolchain | undefined {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(env ?? {})) {
    if (value === null) {
      delete merged[key];
    } else {
      merged[key] = value;
    }
  }
  let out: string;
  try {
    out = execFileSync('go', ['env', 'GOVERSION', 'GOEXPERIMENT'], { cwd: dir, env: merged, encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
  const [version = '', experiment = ''] = out.split('\n').map((l) => l.trim());
  const m = /^go1\.(\d+)/.exec(version);
  return { version, minor: m ? Number(m[1]) : undefined, experiment };
}
