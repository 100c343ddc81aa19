/**
 * Turns what Delve says when a capture cannot run into one short sentence a user can act on.
 * Every capture failure goes through here, so no Delve jargon or stack reaches the user.
 */

import type { CaptureKind } from './api';

export const KIND_NAME: Record<CaptureKind, string> = {
  heap: 'Heap', allocs: 'Allocations', block: 'Block', mutex: 'Mutex', goroutine: 'Goroutine', cpu: 'CPU',
  allocsDelta: 'Allocations since the last stop', goroutineleak: 'Goroutine leak',
};

/** An error whose message is meant for the user as is. */
export class CaptureError extends Error {}

/** Part of the message for a call refused at an unsafe instruction, which stepping on can fix. */
const UNSAFE_POINT = 'it is not a safe point for calls';

/** Whether a capture failed only because Delve cannot call at this instruction (step on and retry). */
export function isUnsafePoint(message: string): boolean {
  return message.includes(UNSAFE_POINT);
}

export function describeDelveError(raw: string, stopReason: string | undefined): string {
  const msg = raw.replace(/^Unable to (evaluate expression|process `\w+`):\s*/i, '');
  const at = stopReason ? ` (stopped by ${stopReason})` : '';
  if (/debuggee is running/i.test(msg)) {
    return 'The program is running: stop at a breakpoint (or step) first, then capture.';
  }
  if (/no goroutine selected|unknown goroutine|nil pointer dereference/i.test(msg)) {
    return `No goroutine is selected at this stop${at}: captures run on a stopped goroutine, so stop at a breakpoint or step once, then capture.`;
  }
  if (/call stopped/i.test(msg)) {
    return 'The capture was interrupted by another breakpoint inside the profiling helper: continue to let it finish (its output is discarded), or disable that breakpoint and capture again.';
  }
  if (/not at safe point/i.test(msg)) {
    return `Delve cannot run the profiling helper at this instruction${at}: ${UNSAFE_POINT} (often just after a pointer is stored). Step once and capture again.`;
  }
  if (/safe point|within the Go runtime|runtime stack|system stack|unknown function|in runtime|optimized function/i.test(msg)) {
    return `Delve cannot run the profiling helper here${at}: the goroutine is in the Go runtime, a system call or optimized code. Step to a line of your own code and capture again.`;
  }
  if (/could not find symbol|could not find DIE|not a function|function .* not found/i.test(msg)) {
    return 'This build has no profiling helper: captures need a go-dlv launch (mode debug or test) of a package directory.';
  }
  if (/another function call is already in progress/i.test(msg)) {
    return 'Another function call is still in progress in this goroutine: continue or step first, then capture.';
  }
  if (/goroutine not running/i.test(msg)) {
    return 'The selected goroutine is not running (it is parked or blocked): select the goroutine that hit the breakpoint and capture again.';
  }
  return `Delve could not run the profiling helper: ${msg}`;
}
