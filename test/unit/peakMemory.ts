// Runs the CLI as a user would and reports its peak resident memory, exactly: a preloaded
// hook writes process.resourceUsage().maxRSS to fd 3 as the process exits (polling /proc
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
}

const HOOK = "process.on('exit', () => require('node:fs').writeSync(3, String(process.resourceUsage().maxRSS)));\n";

/** `node out/cli.js ...args`, its output drained as it comes (counted, not kept). */
export async function cliPeak(args: string[]): Promise<CliRun> {
  const dir = mkdtempSync(join(tmpdir(), 'peak-'));
  try {
    const hook = join(dir, 'hook.js');
    writeFileSync(hook, HOOK);
    const child = spawn(process.execPath, ['--require', hook, join(repoRoot, 'out', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdoutBytes = 0;
    let stderr = '';
    let peak = '';
    child.stdout?.on('data', (d: Buffer) => (stdoutBytes += d.length));
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdio[3]?.on('data', (d: Buffer) => (peak += d.toString()));
    const status = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    return { status, stdoutBytes, stderr, peakMB: Number(peak) / 1024 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
