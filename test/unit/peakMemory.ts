// Runs the CLI as a user would and reports its peak resident memory and CPU time, exactly: a
// preloaded hook writes process.resourceUsage() to fd 3 as the process exits (polling /proc
// from outside can miss the last moments).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './profileFixtures';

export interface CliRun {
  readonly status: number | null;
  readonly stdoutBytes: number;
  readonly stderr: string;
  readonly peakMB: number;
  /** User + system CPU time of the whole process, start-up included. */
  readonly cpuMs: number;
  /** Its stdout, when asked to keep it. */
  readonly stdout: string;
}

const HOOK = "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(3, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`); });\n";

/** `node out/cli.js ...args`, its output drained as it comes (counted, not kept). */
export async function cliPeak(args: string[], keepStdout = false): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), 'peak-'));
  try {
    const hook = join(dir, 'hook.js');
    writeFileSync(hook, HOOK);
    const child = spawn(process.execPath, ['--require', hook, join(repoRoot, 'out', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    const kept: Buffer[] = [];
    let stderr = '';
    let peak = '';
    child.stdout?.on('data', (d: Buffer) => {
      stdoutBytes += d.length;
      if (keepStdout) kept.push(d);
    });
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdio[3]?.on('data', (d: Buffer) => (peak += d.toString()));
    const status = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    const [rss, cpu] = peak.split(' ').map(Number);
    return { status, stdoutBytes, stderr, peakMB: rss / 1024, cpuMs: cpu / 1000, stdout: Buffer.concat(kept).toString() };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
