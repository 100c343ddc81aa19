/**
 * The hover's breakdown of one line: what the line spends itself (flat), what the
 * functions it calls spend (callees, each counted once per sample), and the inlining seen
 * there: functions inlined at this line, and the callers this line's code was inlined into.
 * Computed on demand, one pass over the samples, because only a hovered line needs it.
 */
import { sampleTypeIndex } from '../profile';
import type { Profile } from '../profile';

export interface NamedValue {
  readonly name: string;
  readonly value: number;
}

export interface LineDetail {
  readonly flat: number;
  readonly cum: number;
  /** Functions called from this line, heaviest first; `inlined` when the call was inlined here. */
  readonly callees: readonly (NamedValue & { readonly inlined: boolean })[];
  /** Functions this line's code was inlined into, heaviest first. */
  readonly inlinedInto: readonly NamedValue[];
}

export function lineDetail(profile: Profile, sampleType: number | string | undefined, recordedFiles: readonly string[], line: number): LineDetail {
  const t = sampleTypeIndex(profile, sampleType);
  const T = profile.sampleTypes.length;
  const { functions, frames, strings } = profile;
  const wanted = new Set(recordedFiles);
  const fileMatches = new Uint8Array(functions.length);
  for (let f = 0; f < functions.length; f++) fileMatches[f] = wanted.has(strings[functions.file[f]]) ? 1 : 0;
  const atLine = (frame: number): boolean => frames.line[frame] === line && fileMatches[frames.func[frame]] === 1;
  const nameOf = (frame: number): string => strings[functions.name[frames.func[frame]]];

  const callees = new Map<string, { value: number; inlined: boolean; seen: number }>();
  const into = new Map<string, { value: number; seen: number }>();
  let flat = 0;
  let cum = 0;
  const { stackStart, stackFrames, values, length } = profile.samples;
  for (let i = 0; i < length; i++) {
    const v = values[i * T + t];
    if (v === 0) continue;
    let counted = false;
    for (let j = stackStart[i]; j < stackStart[i + 1]; j++) {
      const frame = stackFrames[j];
      if (!atLine(frame)) continue;
      if (!counted) {
        cum += v;
        counted = true;
      }
      if (j === stackStart[i]) {
        flat += v;
      } else {
        const callee = stackFrames[j - 1];
        const name = nameOf(callee);
        const c = callees.get(name) ?? { value: 0, inlined: false, seen: -1 };
        if (c.seen !== i) {
          c.value += v;
          c.seen = i;
        }
        c.inlined ||= frames.inlined[callee] === 1;
        callees.set(name, c);
      }
      if (frames.inlined[frame] === 1 && j + 1 < stackStart[i + 1]) {
        const name = nameOf(stackFrames[j + 1]);
        const c = into.get(name) ?? { value: 0, seen: -1 };
        if (c.seen !== i) {
          c.value += v;
          c.seen = i;
        }
        into.set(name, c);
      }
    }
  }
  const heaviest = <V extends { value: number }>(a: V, b: V): number => Math.abs(b.value) - Math.abs(a.value);
  return {
    flat,
    cum,
    callees: [...callees].map(([name, c]) => ({ name, value: c.value, inlined: c.inlined })).sort(heaviest),
    inlinedInto: [...into].map(([name, c]) => ({ name, value: c.value })).sort(heaviest),
  };
}
