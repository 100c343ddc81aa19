import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

/** Parent pid of every process, from /proc on Linux and `ps` elsewhere. */
function parentMap(): Map<number, number> {
  const parents = new Map<number, number>();
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return parentMapFromPs();
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) {
      continue;
    }
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // The command name is in parentheses and may itself contain spaces or parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
    } catch {
      // The process exited while we were reading.
    }
  }
  return parents;
}

function parentMapFromPs(): Map<number, number> {
  const parents = new Map<number, number>();
  const out = execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  for (const line of out.split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid > 0) {
      parents.set(pid, ppid);
    }
  }
  return parents;
}

let childrenFiles: boolean | undefined;

/**
 * The children of `pid` from /proc/<pid>/task/<tid>/children (Linux with CONFIG_PROC_CHILDREN):
 * a few reads, where parentMap reads one file per process on the machine. It runs when the
 * launch response passes, on the way to the first stop (bench/adapter.bench.ts, F5 adapter CPU).
 */
function childrenOf(pid: number): number[] {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    // The process has exited.
    return [];
  }
  const found: number[] = [];
  for (const tid of tids) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) {
        if (child.trim()) {
          found.push(Number(child));
        }
      }
    } catch {
      // The thread has exited.
    }
  }
  return found;
}

/** The given pids and all their descendants, deepest first. */
export function processTree(roots: number[]): number[] {
  if (process.platform === 'win32') {
    return roots;
  }
  childrenFiles ??= existsSync(`/proc/self/task/${process.pid}/children`);
  if (childrenFiles) {
    const ordered: number[] = [];
    const seen = new Set<number>();
    const visit = (pid: number): void => {
      if (seen.has(pid)) {
        return;
      }
      seen.add(pid);
      childrenOf(pid).forEach(visit);
      ordered.push(pid);
    };
    roots.forEach(visit);
    return ordered;
  }
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of parentMap()) {
    const list = children.get(ppid) ?? [];
    list.push(pid);
    children.set(ppid, list);
  }
  const ordered: number[] = [];
  const visit = (pid: number): void => {
    for (const child of children.get(pid) ?? []) {
      visit(child);
    }
    ordered.push(pid);
  };
  roots.forEach(visit);
  return ordered;
}

/**
 * Kills the processes and everything they started. The tree is collected before anything
 * is killed: once dlv dies, the debuggee is re-parented and can no longer be found from it.
 */
export function killTree(roots: number[]): void {
  for (const pid of processTree(roots)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // A zombie answers signal 0 but is no longer running.
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/**
 * A process as it was when seen: its start time tells it apart from a later process that
 * reuses the pid, and its group says whether it leads one of its own (Delve starts the
 * debuggee in a new group, so the group also holds whatever the program started).
 */
export interface ProcessIdentity {
  pid: number;
  /** Clock ticks since boot (field 22 of /proc/pid/stat); undefined where there is no /proc. */
  start?: string;
  pgid?: number;
}

export function identify(pid: number): ProcessIdentity | undefined {
  if (!isAlive(pid)) {
    return undefined;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid, pgid: Number(fields[2]), start: fields[19] };
  } catch {
    return { pid };
  }
}

/** True while `who` is still the process it was (not gone, not a reused pid). */
export function stillRunning(who: ProcessIdentity): boolean {
  const now = identify(who.pid);
  return now !== undefined && (who.start === undefined || now.start === who.start);
}

/**
 * Kills processes recorded earlier, with everything they started: their trees as they are
 * now and, for one that leads its own process group, the whole group (children that were
 * re-parented are found that way). A pid now used by another process is left alone.
 */
export function killRecorded(who: ProcessIdentity[]): void {
  const live = who.filter(stillRunning);
  killTree(live.map((p) => p.pid));
  for (const p of live) {
    if (p.pgid === p.pid) {
      try {
        process.kill(-p.pid, 'SIGKILL');
      } catch {
        // The group is already empty.
      }
    }
  }
}
