/** File names for captured profiles: what was captured, where, and when. */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureKind } from './api';
import { PART_SUFFIX } from './recordingSource';

const KIND_LABEL: Record<CaptureKind, string> = {
  heap: 'heap',
  allocs: 'allocs',
  block: 'block',
  mutex: 'mutex',
  goroutine: 'goroutines',
  cpu: 'cpu',
  allocsDelta: 'allocs-since-last-stop',
  goroutineleak: 'goroutine-leaks',
};

/** e.g. `heap_main.buildCache-42_2026-11-23T15-12-33.pb.gz`, never an existing file. */
export function profileFileName(dir: string, kind: CaptureKind, location: string, when: Date = new Date()): string {
  const where = location.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'unknown';
  const stamp = when.toISOString().replace(/\.\d+Z$/, '').replace(/:/g, '-');
  const stem = `${KIND_LABEL[kind]}_${where}_${stamp}`;
  let path = join(dir, `${stem}.pb.gz`);
  for (let n = 2; nameTaken(path); n++) {
    path = join(dir, `${stem}_${n}.pb.gz`);
  }
  return path;
}

/**
 * Whether anything is at `path` or its `.part`, links included: existsSync follows a link,
 * so a dangling one planted at the next name would look free.
 */
export function nameTaken(path: string): boolean {
  return [path, path + PART_SUFFIX].some((p) => {
    try {
      lstatSync(p);
      return true;
    } catch {
      return false;
    }
  });
}
