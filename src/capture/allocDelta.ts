/**
 * "Allocations since the last stop": what two heap profiles of the same process differ by
 * (alloc_objects, alloc_space are cumulative since the program started), through the
 * engine's diff (`growth`) and its encoder.
 */
import { growth, ProfileError, withSampleTypes } from '../profile';
import type { Profile } from '../profile';
import { decodeProfileBytes, encodeProfileFile } from './profileBytes';

const ALLOCATIONS = ['alloc_objects', 'alloc_space'];

function allocations(p: Profile): Profile {
  return withSampleTypes(p, ALLOCATIONS.map((type) => {
    const i = p.sampleTypes.findIndex((t) => t.type === type);
    if (i < 0) throw new ProfileError(`not a heap profile: it has no ${type} values`);
    return i;
  }));
}

/** `after - before` as a gzipped pprof profile with alloc_objects and alloc_space only. */
export function allocationDelta(before: Uint8Array, after: Uint8Array, note: string): Buffer {
  const a = allocations(decodeProfileBytes(before));
  const b = allocations(decodeProfileBytes(after));
  const delta = growth(a, b);
  return encodeProfileFile({
    ...delta,
    comments: [...b.comments, note],
    durationNanos: b.timeNanos - a.timeNanos,
    defaultSampleType: ALLOCATIONS.indexOf('alloc_space'),
  });
}
