/**
 * The call tree of a comparison. A diffed profile (the target's samples, then the base's
 * negated, see diffProfiles) is rebuilt with two columns per sample type, the target's and
 * the base's, so one tree holds both with shared node ids: the flame graph draws the
 * target's shape and colours each box by how it moved from the base.
 */
import { buildCallTree, type CallTree, type Profile } from './';

export interface DiffTree {
  /** Values are the target's. */
  readonly tree: CallTree;
  /** The base's values per node, laid out as `tree.self` and `tree.total`. */
  readonly baseSelf: Float64Array;
  readonly baseTotal: Float64Array;
}

export function buildDiffTree(profile: Profile): DiffTree {
  const baseStart = profile.baseSampleStart;
  if (baseStart === undefined) {
    throw new Error('buildDiffTree needs a profile made by diffProfiles');
  }
  const T = profile.sampleTypes.length;
  const { values, length } = profile.samples;
  const split = new Float64Array(length * 2 * T);
  for (let i = 0; i < length; i++) {
    const column = i < baseStart ? 0 : T;
    const sign = i < baseStart ? 1 : -1;
    for (let t = 0; t < T; t++) {
      split[i * 2 * T + column + t] = sign * values[i * T + t];
    }
  }
  const doubled: Profile = {
    ...profile,
    sampleTypes: [...profile.sampleTypes, ...profile.sampleTypes],
    samples: { ...profile.samples, values: split },
    baseSampleStart: undefined,
    totals: undefined,
  };
  const both = buildCallTree(doubled);
  const n = both.length;
  const self = new Float64Array(n * T);
  const total = new Float64Array(n * T);
  const baseSelf = new Float64Array(n * T);
  const baseTotal = new Float64Array(n * T);
  for (let node = 0; node < n; node++) {
    for (let t = 0; t < T; t++) {
      self[node * T + t] = both.self[node * 2 * T + t];
      total[node * T + t] = both.total[node * 2 * T + t];
      baseSelf[node * T + t] = both.self[node * 2 * T + T + t];
      baseTotal[node * T + t] = both.total[node * 2 * T + T + t];
    }
  }
  return { tree: { ...both, sampleTypes: T, self, total }, baseSelf, baseTotal };
}
