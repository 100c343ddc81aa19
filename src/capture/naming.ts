/** File names for captured profiles: what was captured, where, and when. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CaptureKind } from './api';

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
  for (let n = 2; existsSync(path); n++) {
    path = join(dir, `${stem}_${n}.pb.gz`);
  }
  return path;
}
