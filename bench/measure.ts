// Timing and peak memory of one process run, for the benchmarks.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface Run {
  readonly ms: number;
  readonly peakMB: number;
  readonly stdout: string;
}

/** Runs a process to completion, timing it and polling its peak resident set size. */
export function measure(cmd: string, args: string[], options: { mayFail?: boolean } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let peakKB = 0;
    const poll = (): void => {
      try {
        const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peakKB = Math.max(peakKB, Number(m[1]));
      } catch {
        // The process has exited between two polls.
      }
    };
    const timer = setInterval(poll, 10);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code !== 0 && !options.mayFail) reject(new Error(`${cmd} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ ms, peakMB: peakKB / 1024, stdout });
    });
  });
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
export const ms = (x: number): string => `${x.toFixed(0).padStart(6)} ms`;

