/**
 * Go's own trace viewer (`go tool trace -http=127.0.0.1:0`), served on loopback with an
 * OS-chosen port. `go tool` runs the viewer as a child of its own, so the pair is started in
 * a process group of its own and stopped as a group.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { CaptureError } from './messages';
import { requireGo } from './traceTools';

export interface TraceViewer {
  /** e.g. http://127.0.0.1:37541 */
  readonly url: string;
  /** The `go` process; the viewer is its child, in the same process group. */
  readonly pid: number;
  /** Resolves once the viewer has exited (on its own or through stop). */
  readonly exited: Promise<void>;
  stop(): Promise<void>;
}

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

export async function startTraceViewer(tracePath: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 120_000): Promise<TraceViewer> {
  const go = requireGo(env);
  // BROWSER=true: the viewer would otherwise open a browser of its own; `true` "succeeds" at once.
  const child = spawn(go, ['tool', 'trace', '-http=127.0.0.1:0', tracePath], {
    env: { ...env, BROWSER: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: process.platform !== 'win32',
  });
  const exited = new Promise<void>((done) => {
    child.once('exit', () => done());
    child.once('error', () => done());
  });
  const stop = async (): Promise<void> => {
    signalGroup(child, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
    // The viewer child may outlive `go` by a moment; the group signal reaches it too.
    signalGroup(child, 'SIGKILL');
  };
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new CaptureError(`go tool trace did not start its viewer within ${timeoutMs / 1000} s.`)), timeoutMs);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const m = LISTENING.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new CaptureError(`go tool trace could not be started: ${err.message}`));
      });
      child.once('exit', () => {
        clearTimeout(timer);
        const why = output.trim().split('\n').pop() ?? '';
        reject(new CaptureError(`go tool trace could not open ${tracePath}${why ? `: ${why}` : '.'}`));
      });
    });
    return { url, pid: child.pid!, exited, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return;
  }
  try {
    process.kill(process.platform === 'win32' ? child.pid : -child.pid, signal);
  } catch {
    // Already gone.
  }
}
