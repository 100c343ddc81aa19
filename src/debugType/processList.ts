/**
 * The processes the attach picker offers: Go programs first (they are what dlv can attach to),
 * each with its Go version, then every other process the user may still mean. No vscode
 * import, so it is unit-tested against real processes.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { goBinaryInfo, type GoBinaryInfo } from './goBinary';

export interface ListedProcess {
  readonly pid: number;
  readonly name: string;
  readonly commandLine: string;
  /** Set for Go programs. */
  readonly go?: GoBinaryInfo;
}

/** Processes from /proc on Linux (with Go detected), `ps` elsewhere; never this process. */
export async function listProcesses(): Promise<ListedProcess[]> {
  const listed = process.platform === 'linux' ? fromProc() : await fromPs();
  return listed.sort((a, b) => Number(!!b.go) - Number(!!a.go) || b.pid - a.pid);
}

function fromProc(): ListedProcess[] {
  // Many processes share an executable (shells, workers): read each binary once.
  const byExe = new Map<string, GoBinaryInfo | undefined>();
  const out: ListedProcess[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!/^\d+$/.test(entry) || pid === process.pid) {
      continue;
    }
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean);
      if (!args.length) {
        continue;
      }
      const name = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      const go = goInfo(entry, byExe);
      out.push({ pid, name, commandLine: args.join(' '), ...(go ? { go } : {}) });
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return out;
}

function goInfo(pid: string, byExe: Map<string, GoBinaryInfo | undefined>): GoBinaryInfo | undefined {
  let exe: string;
  try {
    exe = readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return undefined;
  }
  if (!byExe.has(exe)) {
    // Through /proc/PID/exe: the binary the process runs, even if its file was replaced since.
    byExe.set(exe, goBinaryInfo(`/proc/${pid}/exe`));
  }
  return byExe.get(exe);
}

function fromPs(): Promise<ListedProcess[]> {
  return new Promise((done, fail) => {
    execFile('ps', ['-A', '-o', 'pid=,comm=,args='], { maxBuffer: 16 * 1024 * 1024 }, (err, stdout) => {
      if (err) {
        fail(err);
        return;
      }
      done(
        stdout
          .split('\n')
          .map((line) => /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(line))
          .filter((m): m is RegExpExecArray => !!m && Number(m[1]) !== process.pid)
          .map((m) => ({ pid: Number(m[1]), name: m[2].split('/').pop() ?? m[2], commandLine: m[3] })),
      );
    });
  });
}
