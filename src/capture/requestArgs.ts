/**
 * Validation of `goProfile.capture` and `goProfile.trace` arguments, with messages that say
 * what is allowed. Whatever passes here goes on to dlv in requests of the adapter's own, and
 * dlv ends its whole session on a value its JSON decoder cannot take (a threadId of 1.5):
 * so integers are checked to be integers and numbers to be in range, and nothing else passes.
 */
import { CAPTURE_KINDS, CaptureArgs, CaptureKind, TraceArgs } from './api';
import { CaptureError } from './messages';

const MAX_SECONDS = 3600;

export function parseCaptureArgs(args: Record<string, unknown>): CaptureArgs {
  const kind = args.kind as CaptureKind;
  if (typeof args.kind !== 'string' || !CAPTURE_KINDS.includes(kind)) {
    throw new CaptureError(`Unknown capture kind ${JSON.stringify(args.kind) ?? 'undefined'}: use one of ${CAPTURE_KINDS.join(', ')}.`);
  }
  const threadId = parseThreadId(args.threadId);
  if (args.seconds !== undefined && kind !== 'cpu') {
    throw new CaptureError('seconds applies only to cpu captures.');
  }
  return { kind, threadId, seconds: parseSeconds(args.seconds) };
}

export function parseTraceArgs(args: Record<string, unknown>): TraceArgs {
  return { threadId: parseThreadId(args.threadId), seconds: parseSeconds(args.seconds) };
}

/** A goroutine id as dlv numbers them: a positive integer a JavaScript number holds exactly. */
function parseThreadId(value: unknown): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new CaptureError(`threadId must be a positive integer (a goroutine id), not ${JSON.stringify(value) ?? String(value)}.`);
  }
  return value;
}

function parseSeconds(value: unknown): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > MAX_SECONDS) {
    throw new CaptureError(`seconds must be between 0 and ${MAX_SECONDS}, not ${JSON.stringify(value) ?? String(value)}.`);
  }
  return value;
}
