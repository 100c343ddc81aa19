/**
 * The goroutine leak capture at a stop: the helper writes the runtime's goroutineleak profile
 * (running the detection) and the leaked goroutines' tracebacks, which are read into groups
 * with their creation sites and removed; the profile stays as the runtime wrote it.
 */
import { readFileSync, rmSync } from 'node:fs';
import { failOnError, HelperCalls } from '../helperCalls';
import type { StopFrame } from '../inject';
import { CaptureError } from '../messages';
import { LEAK_HELPER, LEAK_STACKS_SUFFIX } from './leakHelperSource';
import { LeakGroup, parseLeakedStacks } from './leakStacks';

/** `missing` says what the build needs when it has no goroutineleak profile. */
export async function captureLeaks(helper: HelperCalls, frame: StopFrame, path: string, missing: () => string): Promise<LeakGroup[]> {
  const stacks = path + LEAK_STACKS_SUFFIX;
  const outputs = [path, stacks];
  const status = await helper.call(frame, LEAK_HELPER, outputs, outputs);
  if (status === 'off') {
    throw new CaptureError(missing());
  }
  failOnError(status, outputs);
  try {
    return parseLeakedStacks(readFileSync(stacks, 'utf8'));
  } finally {
    rmSync(stacks, { force: true });
  }
}

/** One line for the debug console: how many leaked, where, or that none did. */
export function describeLeaks(leaks: LeakGroup[], location: string): string {
  const total = leaks.reduce((n, g) => n + g.count, 0);
  if (total === 0) {
    return `No leaked goroutines at ${location} (the runtime's detection is conservative: it reports only goroutines blocked on something no runnable goroutine can reach).`;
  }
  const where = leaks.map((g) => `${g.count} at ${g.blockedAt ? `${g.blockedAt.func}:${g.blockedAt.line}` : g.waitReason}${g.createdAt ? ` (go statement ${g.createdAt.file}:${g.createdAt.line})` : ''}`);
  return `${total} leaked goroutine${total === 1 ? '' : 's'} at ${location}: ${where.join('; ')}`;
}
