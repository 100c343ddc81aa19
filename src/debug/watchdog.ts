import { spawn, ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { identify, killRecorded, ProcessIdentity } from './processTree';

/**
 * Nothing may outlive the adapter, even when it is SIGKILLed (or VS Code's extension host
 * crashes) and no exit handler runs. A small watchdog process holds the read end of a pipe
 * from the adapter; the kernel closes the write end however the adapter dies, and the
 * watchdog then kills every dlv it was told about (with the debuggee and any `go build`
 * below it), and every debuggee it was told about (dlv may have died first), and removes
 * the session's temporary directories and files (e.g. a profile still being written).
 */
export const WATCHDOG_FLAG = '--watchdog';

export class Watchdog {
  private child?: ChildProcess;

  /** @param script a bundle that runs `runWatchdog()` when started with WATCHDOG_FLAG. */
  constructor(private readonly script: string) {}

  /** The start time goes along, so a pid reused after the process ended is not killed. */
  watchPid(pid: number): void {
    const who = identify(pid);
    this.send(`pid ${pid}${who?.start ? ` ${who.start}` : ''}`);
  }

  forgetPid(pid: number): void {
    this.send(`unpid ${pid}`);
  }

  /** A directory or file removed if the adapter dies while it is watched. */
  watchDir(dir: string): void {
    this.send(`dir ${dir}`);
  }

  forgetDir(dir: string): void {
    this.send(`undir ${dir}`);
  }

  private send(line: string): void {
    if (!this.child) {
      this.child = spawn(process.execPath, [this.script, WATCHDOG_FLAG], {
        detached: true,
        stdio: ['pipe', 'ignore', 'ignore'],
        // In VS Code's extension host execPath is Electron; this makes it behave as Node.
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        windowsHide: true,
      });
      this.child.on('error', () => undefined);
      this.child.unref();
      (this.child.stdin as Socket).unref();
    }
    this.child.stdin?.write(`${line}\n`);
  }
}

/** The watchdog process itself: reads commands until the adapter's end of the pipe closes. */
export function runWatchdog(): void {
  const pids = new Map<number, ProcessIdentity>();
  const dirs = new Set<string>();
  let pending = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const space = line.indexOf(' ');
      const verb = line.slice(0, space);
      const arg = line.slice(space + 1);
      if (verb === 'pid') {
        const [pid, start] = arg.split(' ');
        pids.set(Number(pid), { pid: Number(pid), start });
      } else if (verb === 'unpid') {
        pids.delete(Number(arg));
      } else if (verb === 'dir') {
        dirs.add(arg);
      } else if (verb === 'undir') {
        dirs.delete(arg);
      }
    }
  });
  process.stdin.on('close', () => {
    killRecorded([...pids.values()]);
    for (const dir of dirs) {
      rmSync(dir, { recursive: true, force: true });
    }
    process.exit(0);
  });
}
