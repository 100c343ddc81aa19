/**
 * What a cumulative profile gained between two snapshots of one process (a heap profile's
 * alloc_objects and alloc_space count from the program's start): the engine's diff, then per
 * identical stack and labels the net value, keeping only what grew. Values never go below
 * zero (a counter that seems to shrink is a stack the runtime sampled differently).
 */
import { diffProfiles } from './diff';
import type { Label, Profile } from './model';

export function growth(before: Profile, after: Profile): Profile {
  const diff = diffProfiles(before, after);
  const T = diff.sampleTypes.length;
  const s = diff.samples;
  const labelKey = (set: number): string => (set < 0 ? '' : JSON.stringify(diff.labelSets[set]));
  // One row per stack and labels, in the order the newer snapshot lists them.
  const rows = new Map<string, { sample: number; values: number[] }>();
  for (let i = 0; i < s.length; i++) {
    const key = `${s.stackFrames.subarray(s.stackStart[i], s.stackStart[i + 1]).join(',')}|${labelKey(s.labelSet[i])}`;
    let row = rows.get(key);
    if (!row) {
      row = { sample: i, values: new Array<number>(T).fill(0) };
      rows.set(key, row);
    }
    for (let t = 0; t < T; t++) row.values[t] += s.values[i * T + t];
  }
  const grown = [...rows.values()].filter((r) => r.values.some((v) => v > 0));

  const stackStart = new Uint32Array(grown.length + 1);
  const stackFrames: number[] = [];
  const values = new Float64Array(grown.length * T);
  const labelSet = new Int32Array(grown.length);
  const labelSets: (readonly Label[])[] = [];
  const labelIds = new Map<string, number>();
  grown.forEach((r, k) => {
    stackStart[k] = stackFrames.length;
    for (let j = s.stackStart[r.sample]; j < s.stackStart[r.sample + 1]; j++) stackFrames.push(s.stackFrames[j]);
    r.values.forEach((v, t) => (values[k * T + t] = Math.max(v, 0)));
    const set = s.labelSet[r.sample];
    if (set < 0) {
      labelSet[k] = -1;
      return;
    }
    const key = labelKey(set);
    let id = labelIds.get(key);
    if (id === undefined) {
      id = labelSets.push(diff.labelSets[set]) - 1;
      labelIds.set(key, id);
    }
    labelSet[k] = id;
  });
  stackStart[grown.length] = stackFrames.length;
  // No baseSampleStart: the result is a plain profile, not a comparison.
  return { ...diff, baseSampleStart: undefined, samples: { length: grown.length, stackStart, stackFrames: Int32Array.from(stackFrames), values, labelSet }, labelSets };
}
