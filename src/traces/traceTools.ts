/**
 * Go's trace tools, run without a shell: `go tool trace -pprof=TYPE` turns a trace into a
 * pprof profile of where goroutines waited, written beside the trace.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { decodeProfileBytes } from '../capture/profileBytes';
import { CaptureError } from '../capture/messages';

export type WaitKind = 'sync' | 'sched' | 'net' | 'syscall';
export const WAIT_KINDS: readonly WaitKind[] = ['sync', 'sched', 'net', 'syscall'];

export const WAIT_KIND_NAME: Record<WaitKind, string> = {
  sync: 'Synchronization waits (channels, mutexes)',
  sched: 'Scheduler latency',
  net: 'Network waits',
  syscall: 'System call waits',
};

/** The `go` command on PATH, or under GOROOT; undefined when there is none. */
export function findGo(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const name = process.platform === 'win32' ? 'go.exe' : 'go';
  const dirs = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  if (env.GOROOT) {
    dirs.push(join(env.GOROOT, 'bin'));
  }
  return dirs.map((d) => join(d, name)).find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function requireGo(env: NodeJS.ProcessEnv = process.env): string {
  const go = findGo(env);
  if (!go) {
    throw new CaptureError('The go command was not found on PATH: install Go (or add it to PATH) to read execution traces.');
  }
  return go;
}

/** `x.trace` → `x.sync.pb.gz`. */
export function waitProfilePath(tracePath: string, kind: WaitKind): string {
  return `${tracePath.replace(/\.trace$/, '')}.${kind}.pb.gz`;
}

/** Writes the wait profile of `kind` beside the trace and returns its path; refuses an empty one. */
export async function traceToPprof(tracePath: string, kind: WaitKind, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (!WAIT_KINDS.includes(kind)) {
    throw new CaptureError(`Unknown wait profile "${String(kind)}": use one of ${WAIT_KINDS.join(', ')}.`);
  }
  const go = requireGo(env);
  const bytes = await new Promise<Buffer>((resolve, reject) => {
    execFile(go, ['tool', 'trace', `-pprof=${kind}`, tracePath], { env, encoding: 'buffer', maxBuffer: 1 << 30, timeout: 120_000 }, (err, stdout, stderr) => {
      if (err) {
        const why = stderr.toString().trim().split('\n').pop() || err.message;
        reject(new CaptureError(`go tool trace could not read ${tracePath}: ${why}`));
      } else {
        resolve(stdout);
      }
    });
  });
  // An empty profile would open as a blank flame graph; saying so is more useful.
  if (decodeProfileBytes(bytes).samples.length === 0) {
    throw new CaptureError(`${WAIT_KIND_NAME[kind]}: no goroutine waited this way during the trace.`);
  }
  const out = waitProfilePath(tracePath, kind);
  const part = `${out}.part`;
  try {
    writeFileSync(part, bytes);
    renameSync(part, out);
  } catch (err) {
    rmSync(part, { force: true });
    throw new CaptureError(`The ${kind} profile could not be written: ${(err as Error).message}`);
  }
  return out;
}
