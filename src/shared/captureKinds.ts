/**
 * What the capture quick pick offers: one command per kind of profile a stop can give, and
 * the execution traces, which are not pprof profiles and run their own commands (trace.ts).
 */
import type { CaptureKind } from '../capture/api';

/** An entry of the capture quick pick: choosing it runs `command`. */
export interface PickableCommand {
  command: string;
  /** Title in menus and the quick pick. */
  title: string;
  detail: string;
}

export interface CaptureCommand extends PickableCommand {
  kind: CaptureKind;
  /** "CPU for N seconds" asks for N. */
  asksSeconds?: boolean;
}

export const CAPTURE_COMMANDS: readonly CaptureCommand[] = [
  { command: 'goProfile.captureHeap', kind: 'heap', title: 'Heap Here', detail: 'Live memory at this stop (after a GC): in-use and allocated bytes and objects' },
  { command: 'goProfile.captureCpu', kind: 'cpu', title: 'CPU Until Next Stop', detail: 'Starts a CPU profile here; it ends at the next breakpoint, step or pause' },
  { command: 'goProfile.captureCpuFor', kind: 'cpu', title: 'CPU for N Seconds…', detail: 'Resumes the program, samples N seconds, pauses it again', asksSeconds: true },
  { command: 'goProfile.captureAllocsDelta', kind: 'allocsDelta', title: 'Allocations Since Last Stop', detail: 'What was allocated between the previous stop and this one' },
  { command: 'goProfile.captureBlock', kind: 'block', title: 'Block', detail: 'Where goroutines waited on channels, selects and locks' },
  { command: 'goProfile.captureMutex', kind: 'mutex', title: 'Mutex', detail: 'Contended mutexes, by the code that held them' },
  { command: 'goProfile.captureGoroutines', kind: 'goroutine', title: 'Goroutines', detail: 'Every goroutine at this stop, grouped by identical stack' },
  { command: 'goProfile.captureLeaks', kind: 'goroutineleak', title: 'Leaked Goroutines', detail: 'Runs the runtime\'s leak detection (Go 1.26+, "detectGoroutineLeaks"): goroutines blocked for good, by line and go statement' },
];

export const TRACE_COMMANDS: readonly PickableCommand[] = [
  { command: 'goProfile.traceUntilNextStop', title: 'Trace Until Next Stop', detail: 'Starts an execution trace here (scheduler, GC, syscalls); it ends at the next breakpoint, step or pause' },
  { command: 'goProfile.traceForSeconds', title: 'Trace for N Seconds…', detail: 'Resumes the program, traces N seconds, pauses it again' },
  { command: 'goProfile.whatLedHere', title: 'What Led Here', detail: 'The flight recorder\'s last seconds before this stop: what this goroutine waited on, what ran instead, GC' },
];

export const KIND_LABEL: Record<CaptureKind, string> = {
  heap: 'Heap', allocs: 'Allocations', block: 'Block', mutex: 'Mutex', goroutine: 'Goroutines', cpu: 'CPU',
  allocsDelta: 'Allocations since last stop', goroutineleak: 'Leaked goroutines',
};
