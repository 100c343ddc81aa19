/**
 * "Allocations since the last stop": the difference of two heap profiles of the same
 * process (alloc_objects, alloc_space are cumulative since the program started). Both come
 * from one binary, so a stack is identified by its addresses and the allocation size.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { perftools } from '../profile/proto/profile';

type Profile = perftools.profiles.Profile;

function decode(bytes: Uint8Array): Profile {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return perftools.profiles.Profile.decode(raw);
}

function valueIndex(p: Profile, type: string): number {
  const i = p.sampleType.findIndex((t) => p.stringTable[Number(t.type)] === type);
  if (i < 0) {
    throw new Error(`not a heap profile: it has no ${type} values`);
  }
  return i;
}

function sampleKeys(p: Profile): string[] {
  const address = new Map(p.location.map((l) => [Number(l.id), Number(l.address)]));
  return p.sample.map((s) => {
    const labels = (s.label ?? []).map((l) => `${p.stringTable[Number(l.key)]}=${Number(l.num)}`).join(',');
    return `${(s.locationId ?? []).map((id) => address.get(Number(id))).join(' ')}|${labels}`;
  });
}

/** `after - before` as a gzipped pprof profile with alloc_objects and alloc_space only. */
export function allocationDelta(before: Uint8Array, after: Uint8Array, note: string): Buffer {
  const a = decode(before);
  const b = decode(after);
  const [ao, as] = [valueIndex(a, 'alloc_objects'), valueIndex(a, 'alloc_space')];
  const [bo, bs] = [valueIndex(b, 'alloc_objects'), valueIndex(b, 'alloc_space')];
  const base = new Map<string, [number, number]>();
  sampleKeys(a).forEach((key, i) => {
    const v = (a.sample[i].value ?? []).map(Number);
    const prev = base.get(key) ?? [0, 0];
    base.set(key, [prev[0] + v[ao], prev[1] + v[as]]);
  });
  const samples: perftools.profiles.ISample[] = [];
  sampleKeys(b).forEach((key, i) => {
    const s = b.sample[i];
    const v = (s.value ?? []).map(Number);
    const [o0, s0] = base.get(key) ?? [0, 0];
    base.delete(key);
    const objects = v[bo] - o0;
    const bytes = v[bs] - s0;
    if (objects > 0 || bytes > 0) {
      samples.push({ locationId: s.locationId, label: s.label, value: [Math.max(objects, 0), Math.max(bytes, 0)] });
    }
  });
  const strings = [...b.stringTable];
  const noteId = strings.push(note) - 1;
  const message: perftools.profiles.IProfile = {
    sampleType: [b.sampleType[bo], b.sampleType[bs]],
    sample: samples,
    mapping: b.mapping,
    location: b.location,
    function: b.function,
    stringTable: strings,
    timeNanos: b.timeNanos,
    durationNanos: Number(b.timeNanos) - Number(a.timeNanos),
    periodType: b.periodType,
    period: b.period,
    comment: [...b.comment, noteId],
    defaultSampleType: b.sampleType[bs].type,
  };
  return gzipSync(perftools.profiles.Profile.encode(message).finish());
}
