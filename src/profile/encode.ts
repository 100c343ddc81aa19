/**
 * The engine's one pprof encoder: the columnar model back to profile.proto bytes (not
 * gzipped: the engine has no zlib; the host gzips, as Go's runtime does). What captures
 * write, the allocation delta and exports all go through here.
 *
 * The model keeps functions and lines, not addresses or mappings, so the output is a
 * symbolized profile without mappings: a run of frames flagged inlined, ending at one that is
 * not, becomes one Location with those lines (innermost first), as pprof stores inlining.
 */
import './longAsNumber';
import { perftools } from './proto/profile';
import type { Label, Profile } from './model';
import { StringTable } from './stringTable';

const pb = perftools.profiles;

export function encodeProfile(p: Profile): Uint8Array {
  const strings = new StringTable(['']);
  const str = (s: string): number => strings.intern(s);

  const functionId = new Int32Array(p.functions.length);
  const functions: perftools.profiles.IFunction[] = [];
  for (let f = 0; f < p.functions.length; f++) {
    const name = str(p.strings[p.functions.name[f]]);
    functionId[f] = functions.length + 1;
    functions.push({ id: functionId[f], name, systemName: name, filename: str(p.strings[p.functions.file[f]]), startLine: p.functions.startLine[f] });
  }

  const locations: perftools.profiles.ILocation[] = [];
  const locationIds = new Map<string, number>();
  const location = (frames: readonly number[]): number => {
    const key = frames.join(',');
    let id = locationIds.get(key);
    if (id === undefined) {
      id = locations.length + 1;
      locationIds.set(key, id);
      locations.push({ id, line: frames.map((f) => ({ functionId: functionId[p.frames.func[f]], line: p.frames.line[f] })) });
    }
    return id;
  };

  const T = p.sampleTypes.length;
  const s = p.samples;
  const samples: perftools.profiles.ISample[] = [];
  for (let i = 0; i < s.length; i++) {
    const locationId: number[] = [];
    let run: number[] = [];
    for (let j = s.stackStart[i]; j < s.stackStart[i + 1]; j++) {
      const frame = s.stackFrames[j];
      run.push(frame);
      if (!p.frames.inlined[frame]) {
        locationId.push(location(run));
        run = [];
      }
    }
    if (run.length) locationId.push(location(run));
    const value = Array.from(s.values.subarray(i * T, (i + 1) * T));
    const labels = s.labelSet[i] < 0 ? [] : p.labelSets[s.labelSet[i]];
    samples.push({ locationId, value, label: labels.map((l) => encodeLabel(l, str)) });
  }

  const valueType = (v: { type: string; unit: string }): perftools.profiles.IValueType => ({ type: str(v.type), unit: str(v.unit) });
  const message: perftools.profiles.IProfile = {
    sampleType: p.sampleTypes.map(valueType),
    sample: samples,
    location: locations,
    function: functions,
    timeNanos: p.timeNanos,
    durationNanos: p.durationNanos,
    periodType: p.periodType ? valueType(p.periodType) : undefined,
    period: p.period,
    comment: p.comments.map(str),
    defaultSampleType: str(p.sampleTypes[p.defaultSampleType]?.type ?? ''),
  };
  // The string table is complete only once every field above interned its strings.
  message.stringTable = strings.strings;
  return pb.Profile.encode(message).finish();
}

function encodeLabel(l: Label, str: (s: string) => number): perftools.profiles.ILabel {
  if (l.str !== undefined) return { key: str(l.key), str: str(l.str) };
  return { key: str(l.key), num: l.num ?? 0, numUnit: l.unit ? str(l.unit) : 0 };
}
