import type { Profile } from './model';
import { sampleTypeIndex } from './sampleType';

/** speedscope's file format (https://www.speedscope.app/file-format-schema.json), the parts we write. */
export interface SpeedscopeFile {
  readonly $schema: 'https://www.speedscope.app/file-format-schema.json';
  readonly shared: { readonly frames: readonly SpeedscopeFrame[] };
  readonly profiles: readonly SpeedscopeSampledProfile[];
  readonly name: string;
  readonly activeProfileIndex: number;
  readonly exporter: string;
}

export interface SpeedscopeFrame {
  readonly name: string;
  readonly file?: string;
  readonly line?: number;
}

export type SpeedscopeUnit = 'none' | 'nanoseconds' | 'microseconds' | 'milliseconds' | 'seconds' | 'bytes';

export interface SpeedscopeSampledProfile {
  readonly type: 'sampled';
  readonly name: string;
  readonly unit: SpeedscopeUnit;
  readonly startValue: number;
  readonly endValue: number;
  /** Stacks root first, as indexes into shared.frames. */
  readonly samples: readonly (readonly number[])[];
  readonly weights: readonly number[];
}

const UNITS: Readonly<Record<string, SpeedscopeUnit>> = {
  nanoseconds: 'nanoseconds',
  microseconds: 'microseconds',
  milliseconds: 'milliseconds',
  seconds: 'seconds',
  bytes: 'bytes',
};

/** Big enough that a writer sees few chunks, small enough that one never weighs on the heap. */
export const SPEEDSCOPE_CHUNK = 1 << 16;

/**
 * Exports one sample type as a speedscope "sampled" profile, as JSON text in chunks of at most
 * `chunkSize` UTF-16 code units, never splitting a surrogate pair (each chunk encodes to UTF-8
 * on its own). A profile of hundreds of thousands of deep samples is hundreds of MB of JSON:
 * built whole, as objects or as one string, it took about a GB of heap, or exceeded V8's
 * longest string. A first pass numbers the frames and sums the total, later passes write
 * the samples and the weights.
 *
 * Every frame (function, line) is a speedscope frame of its own, inlined calls included, so
 * speedscope keeps file and line (its own pprof importer keeps one line per function and drops
 * inlined frames). Samples with no positive weight are left out: speedscope has no notion of
 * negative weight.
 */
export function* speedscopeChunks(profile: Profile, sampleType?: string | number, name = 'profile', chunkSize = SPEEDSCOPE_CHUNK): Generator<string, void, undefined> {
  if (!(chunkSize >= 2)) throw new RangeError(`chunk size ${chunkSize}: must hold a surrogate pair`);
  const t = sampleTypeIndex(profile, sampleType);
  const T = profile.sampleTypes.length;
  const { strings, functions, frames } = profile;
  const { stackStart, stackFrames, values, length } = profile.samples;
  const kept = (i: number): boolean => values[i * T + t] > 0 && stackStart[i] !== stackStart[i + 1];
  const index = new Int32Array(frames.length).fill(-1);
  const order: number[] = [];
  let total = 0;
  for (let i = 0; i < length; i++) {
    if (!kept(i)) continue;
    for (let j = stackStart[i + 1] - 1; j >= stackStart[i]; j--) {
      const f = stackFrames[j];
      if (index[f] < 0) index[f] = order.push(f) - 1;
    }
    total += values[i * T + t];
  }

  let buf = '';
  function* full(): Generator<string, void, undefined> {
    while (buf.length >= chunkSize) {
      const high = buf.charCodeAt(chunkSize - 1);
      const cut = high >= 0xd800 && high <= 0xdbff ? chunkSize - 1 : chunkSize;
      yield buf.slice(0, cut);
      buf = buf.slice(cut);
    }
  }

  const type = profile.sampleTypes[t];
  const unit = Object.hasOwn(UNITS, type.unit) ? UNITS[type.unit] : 'none';
  buf = '{"$schema":"https://www.speedscope.app/file-format-schema.json","shared":{"frames":[';
  for (let k = 0; k < order.length; k++) {
    const f = order[k];
    const fn = frames.func[f];
    const file = strings[functions.file[fn]];
    const line = frames.line[f];
    buf += `${k ? ',' : ''}{"name":${JSON.stringify(strings[functions.name[fn]])}${file ? `,"file":${JSON.stringify(file)}` : ''}${line > 0 ? `,"line":${line}` : ''}}`;
    if (buf.length >= chunkSize) yield* full();
  }
  // Tens of millions of stack entries name a few thousand frames: their text is made once.
  const ref = new Array<string>(frames.length).fill('');
  for (const f of order) ref[f] = `,${index[f]}`;
  buf += `]},"profiles":[{"type":"sampled","name":${JSON.stringify(type.type)},"unit":"${unit}","startValue":0,"endValue":${JSON.stringify(total)},"samples":[`;
  let first = true;
  for (let i = 0; i < length; i++) {
    if (!kept(i)) continue;
    const top = stackStart[i + 1] - 1;
    let stack = `${first ? '' : ','}[${index[stackFrames[top]]}`;
    for (let j = top - 1; j >= stackStart[i]; j--) stack += ref[stackFrames[j]];
    buf += `${stack}]`;
    first = false;
    if (buf.length >= chunkSize) yield* full();
  }
  buf += '],"weights":[';
  first = true;
  for (let i = 0; i < length; i++) {
    if (!kept(i)) continue;
    buf += `${first ? '' : ','}${JSON.stringify(values[i * T + t])}`;
    first = false;
    if (buf.length >= chunkSize) yield* full();
  }
  buf += `]}],"name":${JSON.stringify(name)},"activeProfileIndex":0,"exporter":"go-debug-profile"}`;
  yield* full();
  if (buf) yield buf;
}

/** The export as objects, parsed from the same text: for small profiles and for tests. */
export function toSpeedscope(profile: Profile, sampleType?: string | number, name = 'profile'): SpeedscopeFile {
  return JSON.parse([...speedscopeChunks(profile, sampleType, name)].join('')) as SpeedscopeFile;
}
