/** Validation of `goProfile.capture` arguments, with messages that say what is allowed. */
import { CAPTURE_KINDS, CaptureArgs, CaptureKind } from './api';
import { CaptureError } from './messages';

const MAX_SECONDS = 3600;

export function parseCaptureArgs(args: Record<string, unknown>): CaptureArgs {
  const kind = args.kind as CaptureKind;
  if (!CAPTURE_KINDS.includes(kind)) {
    throw new CaptureError(`Unknown capture kind "${String(args.kind)}": use one of ${CAPTURE_KINDS.join(', ')}.`);
  }
  const threadId = typeof args.threadId === 'number' ? args.threadId : undefined;
  let seconds: number | undefined;
  if (args.seconds !== undefined) {
    seconds = Number(args.seconds);
    if (kind !== 'cpu' || !Number.isFinite(seconds) || seconds <= 0 || seconds > MAX_SECONDS) {
      throw new CaptureError(kind === 'cpu' ? `seconds must be between 0 and ${MAX_SECONDS}.` : 'seconds applies only to cpu captures.');
    }
  }
  return { kind, threadId, seconds };
}
