/** The session's profilepoints, by source line, and how often each has captured. */
import { isAbsolute, normalize } from 'node:path';
import { CaptureError } from '../messages';
import { PROFILEPOINT_KINDS, Profilepoint, ProfilepointKind, ProfilepointTag } from './types';

export class ProfilepointTable {
  private byLine = new Map<string, Profilepoint>();
  private readonly hits = new Map<string, number>();

  get size(): number {
    return this.byLine.size;
  }

  /** Replaces every profilepoint; refuses the whole list when one entry is malformed. */
  set(args: Record<string, unknown>): { count: number } {
    const points = args.points;
    if (!Array.isArray(points)) {
      throw new CaptureError('goProfile.setProfilepoints needs "points": a list of {id, path, line, kind}.');
    }
    const next = new Map<string, Profilepoint>();
    for (const raw of points as Record<string, unknown>[]) {
      const point = parsePoint(raw);
      next.set(key(point.path, point.line), point);
    }
    this.byLine = next;
    return { count: next.size };
  }

  match(path: string | undefined, line: number): Profilepoint | undefined {
    return path === undefined ? undefined : this.byLine.get(key(path, line));
  }

  /** Counts a capture of this profilepoint; the tag numbers it within its series. */
  tag(point: Profilepoint): ProfilepointTag {
    return this.tagSeries(point.id);
  }

  /** Takes back a tag whose capture will be tried again. */
  untag(tag: ProfilepointTag): void {
    this.hits.set(tag.id, tag.hit - 1);
  }

  /** The next capture of the series `id` (a profilepoint's, or a script breakpoint's). */
  tagSeries(id: string): ProfilepointTag {
    const hit = (this.hits.get(id) ?? 0) + 1;
    this.hits.set(id, hit);
    return { id, hit };
  }
}

function key(path: string, line: number): string {
  return `${normalize(path)}:${line}`;
}

function parsePoint(raw: Record<string, unknown>): Profilepoint {
  const { id, path, line, kind } = raw ?? {};
  if (typeof id !== 'string' || !id || typeof path !== 'string' || !isAbsolute(path) || !Number.isInteger(line) || (line as number) < 1) {
    throw new CaptureError('Each profilepoint needs an "id", an absolute "path" and a "line" (1 or more).');
  }
  if (!PROFILEPOINT_KINDS.includes(kind as ProfilepointKind)) {
    throw new CaptureError(`Unknown profilepoint kind "${String(kind)}": use one of ${PROFILEPOINT_KINDS.join(', ')}.`);
  }
  return { id, path, line: line as number, kind: kind as ProfilepointKind };
}
