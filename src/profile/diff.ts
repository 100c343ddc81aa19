import type { Profile } from './model';
import { assertCompatible, concatProfiles } from './merge';

export interface DiffOptions {
  /** Scale the target so each sample type totals what the base does (pprof's -normalize). */
  readonly normalize?: boolean;
}

/**
 * The profile `go tool pprof -diff_base=BASE TARGET` reads: the target's samples followed by
 * the base's with values negated, over one set of strings, functions and frames, so a
 * function's flat and cum are target minus base and its call-tree node is shared.
 */
export function diffProfiles(base: Profile, target: Profile, options: DiffOptions = {}): Profile {
  assertCompatible(base, target, 'compare');
  const T = target.sampleTypes.length;
  const merged = concatProfiles([
    { profile: target, scale: options.normalize ? normalizers(base, target) : undefined },
    { profile: base, scale: new Array<number>(T).fill(-1) },
  ]);
  return { ...merged, baseSampleStart: target.samples.length };
}

/** pprof's Normalize: per sample type, base total over target total (0 when the target is empty). */
function normalizers(base: Profile, target: Profile): number[] {
  const T = target.sampleTypes.length;
  const sum = (p: Profile, t: number): number => {
    let s = 0;
    for (let i = 0; i < p.samples.length; i++) s += p.samples.values[i * T + t];
    return s;
  };
  return Array.from({ length: T }, (_, t) => {
    const total = sum(target, t);
    return total === 0 ? 0 : sum(base, t) / total;
  });
}
