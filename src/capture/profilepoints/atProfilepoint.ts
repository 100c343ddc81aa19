/**
 * A stop on a profilepoint: find the line the goroutine stopped at, capture what the point
 * says, and answer that the program goes on. A capture that fails is said in the debug
 * console and the program still goes on: a profilepoint never holds the program.
 */
import type { CaptureHost, StopOutcome } from '../api';
import type { ProfilepointTable } from './table';
import type { ProfilepointKind, ProfilepointTag } from './types';

interface DapFrame {
  line: number;
  source?: { path?: string };
}

export async function atProfilepoint(
  host: CaptureHost,
  table: ProfilepointTable,
  threadId: number,
  capture: (kind: ProfilepointKind, tag: ProfilepointTag) => Promise<void>,
): Promise<StopOutcome | undefined> {
  const body = (await host.request('stackTrace', { threadId, startFrame: 0, levels: 1 }).catch(() => undefined)) as { stackFrames?: DapFrame[] } | undefined;
  const top = body?.stackFrames?.[0];
  const point = top && table.match(top.source?.path, top.line);
  if (!point) {
    return undefined;
  }
  try {
    await capture(point.kind, table.tag(point));
  } catch (err) {
    host.log(`Profilepoint ${point.id} (${point.kind}) could not capture: ${(err as Error).message}`);
  }
  return { resume: true };
}
