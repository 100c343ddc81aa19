/**
 * Runs a helper function in the stopped debuggee with Delve's function-call injection
 * (`call pkg.fn(args)` evaluated in the repl context at the top frame of a goroutine).
 */
import { CaptureHost } from './api';
import { HelperStatus } from './helperSource';
import { CaptureError, describeDelveError } from './messages';

export interface StopFrame {
  threadId: number;
  frameId: number;
  /** `pkg.Func:line` of the top frame, for file names and events. */
  location: string;
  func: string;
  line: number;
}

interface DapFrame {
  id: number;
  name: string;
  line: number;
  source?: { path?: string };
}

/** The top frame of a goroutine; fails plainly when there is none to run code on. */
export async function topFrame(host: CaptureHost, threadId: number, stopReason: string | undefined): Promise<StopFrame> {
  let frames: DapFrame[];
  try {
    const body = (await host.request('stackTrace', { threadId, startFrame: 0, levels: 1 })) as { stackFrames?: DapFrame[] };
    frames = body.stackFrames ?? [];
  } catch (err) {
    throw new CaptureError(describeDelveError((err as Error).message, stopReason));
  }
  const top = frames[0];
  if (!top) {
    throw new CaptureError(describeDelveError('no goroutine selected', stopReason));
  }
  return { threadId, frameId: top.id, func: top.name, line: top.line, location: `${top.name}:${top.line}` };
}

/** Go source for a call argument: JSON string escapes are valid Go string escapes. */
export function goArg(value: string | number): string {
  return typeof value === 'number' ? String(Math.trunc(value)) : JSON.stringify(value);
}

export async function callHelper(host: CaptureHost, frame: StopFrame, pkg: string, fn: string, args: (string | number)[], stopReason: string | undefined): Promise<HelperStatus> {
  const expression = `call ${pkg}.${fn}(${args.map(goArg).join(', ')})`;
  let result: string;
  try {
    const body = (await host.request('evaluate', { expression, context: 'repl', frameId: frame.frameId })) as { result?: string };
    result = body.result ?? '';
  } catch (err) {
    throw new CaptureError(describeDelveError((err as Error).message, stopReason));
  }
  // dlv shows a returned string quoted, as Go source.
  const status = result.startsWith('"') ? (JSON.parse(result) as string) : result;
  if (status === 'ok' || status === 'off' || status === 'none' || status.startsWith('error: ')) {
    return status as HelperStatus;
  }
  throw new CaptureError(`The profiling helper returned something unexpected: ${status}`);
}
