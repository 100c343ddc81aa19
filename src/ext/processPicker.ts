import * as vscode from 'vscode';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

interface ProcessItem extends vscode.QuickPickItem {
  pid: number;
}

/** Processes from /proc on Linux, `ps` elsewhere; the user's own process first out. */
function listProcesses(): Promise<ProcessItem[]> {
  if (process.platform === 'linux') {
    const items: ProcessItem[] = [];
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name) || Number(name) === process.pid) {
        continue;
      }
      try {
        const args = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
        const comm = readFileSync(`/proc/${name}/comm`, 'utf8').trim();
        if (args.length) {
          items.push({ pid: Number(name), label: comm, description: name, detail: args.join(' ') });
        }
      } catch {
        // Gone, or not ours to read.
      }
    }
    return Promise.resolve(items);
  }
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
          .map((m) => ({ pid: Number(m[1]), label: m[2].split('/').pop() ?? m[2], description: m[1], detail: m[3] })),
      );
    });
  });
}

/** `${command:goDlv.pickProcess}`: the pid to attach to, as a string, or undefined to cancel. */
export async function pickProcess(): Promise<string | undefined> {
  const items = (await listProcesses()).sort((a, b) => b.pid - a.pid);
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Attach to a Go process',
    placeHolder: 'Type a program name or pid',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  return pick ? String(pick.pid) : undefined;
}
