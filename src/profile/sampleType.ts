import type { Profile } from './model';
import { ProfileError } from './errors';

/**
 * Resolves a sample type as pprof's -sample_index does: by type name (cpu, samples,
 * inuse_space, alloc_objects, delay, contentions, goroutine, ...) or by index; no name (or a
 * number given as such) picks the profile's default (default_sample_type, else the last).
 */
export function sampleTypeIndex(profile: Pick<Profile, 'sampleTypes' | 'defaultSampleType'>, name?: string | number): number {
  const types = profile.sampleTypes;
  if (name === undefined || name === '') return profile.defaultSampleType;
  if (typeof name === 'number' || /^\d+$/.test(name)) {
    const i = Number(name);
    if (i < types.length) return i;
    throw new ProfileError(`sample index ${i} out of range: this profile has ${types.length} sample types (${list(profile)})`);
  }
  const wanted = name.toLowerCase();
  const i = types.findIndex((t) => t.type.toLowerCase() === wanted);
  if (i >= 0) return i;
  throw new ProfileError(`no sample type "${name}" in this profile; it has ${list(profile)}`);
}

function list(profile: Pick<Profile, 'sampleTypes'>): string {
  return profile.sampleTypes.map((t) => t.type).join(', ');
}

/** The profile with only the sample types at `indices`, in that order (the default stays if kept, else the last). */
export function withSampleTypes(profile: Profile, indices: readonly number[]): Profile {
  const T = profile.sampleTypes.length;
  const K = indices.length;
  const s = profile.samples;
  const values = new Float64Array(s.length * K);
  for (let i = 0; i < s.length; i++) {
    for (let k = 0; k < K; k++) values[i * K + k] = s.values[i * T + indices[k]];
  }
  const kept = indices.indexOf(profile.defaultSampleType);
  return {
    ...profile,
    sampleTypes: indices.map((i) => profile.sampleTypes[i]),
    defaultSampleType: kept >= 0 ? kept : K - 1,
    samples: { ...s, values },
    totals: profile.totals && indices.map((i) => profile.totals![i]),
  };
}
