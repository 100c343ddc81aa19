import type { Profile } from './model';
import { scaledLabel } from './measure';
import { StringTable } from './stringTable';

/** The label keys of a profile and, per key, its distinct values with how many samples carry each. */
export interface LabelSummary {
  readonly key: string;
  readonly values: readonly { readonly value: string; readonly samples: number }[];
}

/** Lists the pprof labels present, keys and values sorted, numeric values formatted as pprof does. */
export function labelSummary(profile: Profile): LabelSummary[] {
  const counts = new Int32Array(profile.labelSets.length);
  for (const set of profile.samples.labelSet) if (set >= 0) counts[set]++;
  const byKey = new Map<string, Map<string, number>>();
  profile.labelSets.forEach((set, i) => {
    for (const l of set) {
      const value = l.str ?? scaledLabel(l.num ?? 0, l.unit ?? '', l.unit ? 'minimum' : '');
      const values = byKey.get(l.key) ?? new Map<string, number>();
      values.set(value, (values.get(value) ?? 0) + counts[i]);
      byKey.set(l.key, values);
    }
  });
  return [...byKey.keys()].sort().map((key) => ({
    key,
    values: [...(byKey.get(key) as Map<string, number>)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([value, samples]) => ({ value, samples })),
  }));
}

/**
 * pprof's -tagroot: each sample's stack gets, at its root, one pseudo frame per key (the first
 * key outermost) named by the sample's values for that key joined with "," and whose file is
 * the key, so the call tree groups under one subtree per label value.
 */
export function tagRoot(profile: Profile, keys: readonly string[]): Profile {
  const wanted = keys.filter((k) => k !== '');
  if (wanted.length === 0) return profile;
  const strings = new StringTable(profile.strings);
  const { functions, frames, samples } = profile;
  const fnName = Array.from(functions.name);
  const fnFile = Array.from(functions.file);
  const fnStart = Array.from(functions.startLine);
  const frFunc = Array.from(frames.func);
  const frLine = Array.from(frames.line);
  const frInlined = Array.from(frames.inlined);
  const pseudo = new Map<string, number>();
  const pseudoFrame = (name: string, key: string): number => {
    const id = `${key}\u0000${name}`;
    let f = pseudo.get(id);
    if (f === undefined) {
      fnName.push(strings.intern(name));
      fnFile.push(strings.intern(key));
      fnStart.push(0);
      f = frFunc.length;
      frFunc.push(fnName.length - 1);
      frLine.push(0);
      frInlined.push(0);
      pseudo.set(id, f);
    }
    return f;
  };
  // The pseudo frames of each label set (and of unlabelled samples), root last as stacks read.
  const rootsOf = (set: number): number[] => {
    const labels = set >= 0 ? profile.labelSets[set] : [];
    return [...wanted].reverse().map((key) => {
      const values = [
        ...labels.filter((l) => l.key === key && l.str !== undefined).map((l) => l.str as string),
        ...labels.filter((l) => l.key === key && l.str === undefined).map((l) => scaledLabel(l.num ?? 0, l.unit ?? '', l.unit ? 'minimum' : '')),
      ];
      return pseudoFrame(values.join(','), key);
    });
  };
  const roots = new Map<number, number[]>();
  const stackStart = new Uint32Array(samples.length + 1);
  const stackFrames = new Int32Array(samples.stackFrames.length + samples.length * wanted.length);
  let n = 0;
  for (let i = 0; i < samples.length; i++) {
    stackStart[i] = n;
    for (let j = samples.stackStart[i]; j < samples.stackStart[i + 1]; j++) stackFrames[n++] = samples.stackFrames[j];
    const set = samples.labelSet[i];
    let r = roots.get(set);
    if (!r) roots.set(set, (r = rootsOf(set)));
    for (const f of r) stackFrames[n++] = f;
  }
  stackStart[samples.length] = n;
  return {
    ...profile,
    strings: strings.strings,
    functions: { length: fnName.length, name: Int32Array.from(fnName), file: Int32Array.from(fnFile), startLine: Int32Array.from(fnStart) },
    frames: { length: frFunc.length, func: Int32Array.from(frFunc), line: Int32Array.from(frLine), inlined: Uint8Array.from(frInlined) },
    samples: { ...samples, stackStart, stackFrames },
  };
}
