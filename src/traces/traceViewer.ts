/**
 * Go's own trace viewer (`go tool trace -http=127.0.0.1:0`), served on loopback with an
 * OS-chosen port. `go tool` runs the viewer as a child of its own, so the pair runs in a
 * process group of its own, started by a small guard process that kills the group when told
 * to or when its stdin closes: the kernel closes that pipe however this process ends, so the
 * viewer never outlives the extension host. It is reached through a loopback proxy of ours
 * (traceViewerProxy) that keeps its links working under a path prefix.
 */
import { spawn } from 'node:child_process';
import { CaptureError } from '../capture/messages';
import { requireGo } from './traceTools';
import { startTraceViewerProxy } from './traceViewerProxy';

export interface TraceViewer {
  /** The proxy in front of the viewer, e.g. http://127.0.0.1:37541 */
  readonly url: string;
  /** go tool trace's own address, which the proxy forwards to. */
  readonly viewerUrl: string;
  /**
   * The path at which the editor's user reaches `url`'s root, e.g. '/proxy/37541/' in
   * code-server; the viewer's absolute links are rewritten to stay under it. Default '/'.
   */
  setExternalPath(path: string): void;
  /** The guard process; `go tool trace` and the viewer run below it. */
  readonly pid: number;
  /** Resolves once the viewer has exited (on its own or through stop). */
  readonly exited: Promise<void>;
  stop(): Promise<void>;
}

/**
 * The guard, run as `node -e GUARD -- go tool trace ...`: starts the viewer in a new process
 * group, passes its output on, and kills the group when its own stdin ends (stop, or the
 * parent died) or it is terminated.
 */
const GUARD = [
  "const { spawn } = require('child_process');",
  "const [cmd, ...args] = process.argv.slice(1);",
  "const win = process.platform === 'win32';",
  "const c = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], detached: !win });",
  'const kill = () => { try { win ? c.kill() : process.kill(-c.pid, "SIGKILL"); } catch {} process.exit(0); };',
  "process.stdin.on('end', kill).on('error', kill).resume();",
  "process.on('SIGTERM', kill);",
  "c.on('error', () => process.exit(1));",
  "c.on('exit', () => kill());",
].join('\n');

const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/;

export async function startTraceViewer(tracePath: string, env: NodeJS.ProcessEnv = process.env, timeoutMs = 120_000): Promise<TraceViewer> {
  const go = requireGo(env);
  // BROWSER=true: the viewer would otherwise open a browser of its own; `true` "succeeds" at once.
  // ELECTRON_RUN_AS_NODE: in VS Code's extension host, execPath is Electron.
  const child = spawn(process.execPath, ['-e', GUARD, '--', go, 'tool', 'trace', '-http=127.0.0.1:0', tracePath], {
    env: { ...env, BROWSER: 'true', ELECTRON_RUN_AS_NODE: '1' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin!.on('error', () => undefined);
  const exited = new Promise<void>((done) => {
    child.once('exit', () => done());
    child.once('error', () => done());
  });
  const stop = async (): Promise<void> => {
    // Closing the guard's stdin is its signal to kill the viewer's group and exit.
    child.stdin!.end();
    await exited;
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
    const proxy = await startTraceViewerProxy(url);
    // A viewer that exits by itself takes its proxy along.
    void exited.then(() => proxy.close());
    return {
      url: proxy.url,
      viewerUrl: url,
      setExternalPath: (path) => proxy.setPrefix(path),
      pid: child.pid!,
      exited,
      stop: async () => {
        await Promise.all([proxy.close(), stop()]);
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
