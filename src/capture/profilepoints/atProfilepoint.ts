/**
 * Stops on profilepoints: find the line the goroutine stopped at, capture what the point says,
 * continue the program and answer that the client must not see the stop. Delve's calls need a safe point: the first instruction
 * of a line can be unsafe (e.g. just after a pointer store), so a capture refused there steps
 * one instruction (which may enter a call the line makes: its entry is safe) and tries again
 * at the stop that follows, a few times at most. A capture that fails is said in the debug
 * console and the program still goes on: a profilepoint never holds it.
 */
import type { CaptureHost, StopOutcome, StoppedInfo } from '../api';
import { isUnsafePoint } from '../messages';
import type { ProfilepointTable } from './table';
import type { Profilepoint, ProfilepointKind, ProfilepointTag } from './types';

interface DapFrame {
  line: number;
  source?: { path?: string };
}

const MAX_STEPS = 16;

export type PointCapture = (kind: ProfilepointKind, tag: ProfilepointTag) => Promise<void>;

export class ProfilepointStops {
  /** A capture refused at an unsafe instruction: the step that moves past it is under way. */
  private retry?: { point: Profilepoint; threadId: number; steps: number };

  constructor(
    private readonly host: CaptureHost,
    private readonly table: ProfilepointTable,
  ) {}

  async onStop(stop: StoppedInfo, capture: PointCapture): Promise<StopOutcome | undefined> {
    const retry = this.retry;
    this.retry = undefined;
    const threadId = stop.threadId;
    const ours = stop.reason === 'breakpoint' || (retry !== undefined && stop.reason === 'step' && retry.threadId === threadId);
    if (!ours || threadId === undefined || !this.table.size) {
      return undefined;
    }
    const body = (await this.host.request('stackTrace', { threadId, startFrame: 0, levels: 1 }).catch(() => undefined)) as { stackFrames?: DapFrame[] } | undefined;
    const top = body?.stackFrames?.[0];
    const point = retry?.point ?? (top && this.table.match(top.source?.path, top.line));
    if (!point) {
      return undefined;
    }
    const tag = this.table.tag(point);
    try {
      await capture(point.kind, tag);
    } catch (err) {
      const message = (err as Error).message;
      const steps = retry?.steps ?? 0;
      if (isUnsafePoint(message) && steps < MAX_STEPS && top) {
        this.table.untag(tag);
        this.retry = { point, threadId, steps: steps + 1 };
        await this.host.request('stepIn', { threadId, granularity: 'instruction' });
        return { hide: true };
      }
      this.host.log(`Profilepoint ${point.id} (${point.kind}) could not capture: ${message}`);
    }
    await this.host.request('continue', { threadId }).catch((err: Error) => this.host.log(`The program could not go on after profilepoint ${point.id}: ${err.message}`));
    return { hide: true };
  }
}
