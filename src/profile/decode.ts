import './longAsNumber';
import { Reader } from 'protobufjs/minimal';
import { perftools } from './proto/profile';
import type { Profile, ValueType } from './model';
import { ProfileError } from './errors';
import { Cursor, fieldOf } from './varint';
import { resolveSymbols } from './symbols';
import type { Symbols } from './symbols';
import { decodeSamples } from './samples';
import { RangeLimitError } from './growable';
import { readLegacy } from './legacy';
import { decodeUtf8 } from './naming';

const pb = perftools.profiles;

/** Decompresses gzip; the host passes zlib, the webview pako. It should refuse output beyond MAX_PROFILE_BYTES. */
export type Gunzip = (bytes: Uint8Array) => Uint8Array;

/** The largest decompressed profile the engine accepts (a guard against gzip bombs). */
export const MAX_PROFILE_BYTES = 512 << 20;

/** Decodes a pprof profile, gzip'd (detected by its magic) or raw protobuf, into the columnar model. */
export function decodeProfile(bytes: Uint8Array, gunzip: Gunzip): Profile {
  return decodeWith(bytes, gunzip, (p) => p, (raw, t, head, symbols) => {
    const { samples, labelSets } = decodeSamples(raw, t.sampleSpans, t.sampleCount, head.sampleTypes.length, symbols, head.strings);
    return { ...head, functions: symbols.functions, frames: symbols.frames, samples, labelSets };
  });
}

/** What a profile says besides its samples and symbols. */
export type ProfileHead = Omit<Profile, 'functions' | 'frames' | 'samples' | 'labelSets'> & { strings: string[] };

/**
 * The decoding every reader shares (gzip, legacy formats, the top-level fields, symbols), then
 * `legacy` for a legacy profile or `proto` for the samples of a protobuf one; any failure
 * becomes one ProfileError sentence.
 */
export function decodeWith<R>(
  bytes: Uint8Array,
  gunzip: Gunzip,
  legacy: (p: Profile) => R,
  proto: (raw: Uint8Array, t: TopLevel, head: ProfileHead, symbols: Symbols) => R,
): R {
  if (bytes.length === 0) throw new ProfileError('empty input: not a pprof profile');
  const raw = isGzip(bytes) ? inflate(bytes, gunzip) : bytes;
  try {
    const old = readLegacy(raw);
    if (old) return legacy(old);
    const t = readTopLevel(raw);
    const head = readHead(t);
    return proto(raw, t, head, resolveSymbols(head.strings, t.functions, t.locations, t.mappings));
  } catch (e) {
    throw asProfileError(e);
  }
}

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function inflate(bytes: Uint8Array, gunzip: Gunzip): Uint8Array {
  let out: Uint8Array;
  try {
    out = gunzip(bytes);
  } catch (e) {
    if (e instanceof ProfileError) throw e;
    throw new ProfileError(`not a valid gzip stream (${firstLine(e)})`);
  }
  if (out.length > MAX_PROFILE_BYTES) throw new ProfileError(`profile too large: more than ${MAX_PROFILE_BYTES >>> 20} MB decompressed`);
  if (out.length === 0) throw new ProfileError('empty profile: the gzip stream holds no data');
  return out;
}

export interface TopLevel {
  sampleTypes: perftools.profiles.IValueType[];
  sampleSpans: Uint32Array;
  sampleCount: number;
  mappings: perftools.profiles.IMapping[];
  locations: perftools.profiles.ILocation[];
  functions: perftools.profiles.IFunction[];
  strings: string[];
  timeNanos: number;
  durationNanos: number;
  periodType?: perftools.profiles.IValueType;
  period: number;
  comments: number[];
  defaultSampleType: number;
}

/**
 * One pass over the Profile message. Samples are only located here (their byte spans):
 * Go writes them before the locations and strings they refer to.
 */
function readTopLevel(raw: Uint8Array): TopLevel {
  const c = new Cursor(raw);
  const reader = Reader.create(raw);
  const t: TopLevel = {
    sampleTypes: [], sampleSpans: new Uint32Array(2048), sampleCount: 0, mappings: [], locations: [], functions: [],
    strings: [], timeNanos: 0, durationNanos: 0, period: 0, comments: [], defaultSampleType: 0,
  };
  const message = <T>(decode: (r: Reader, length: number) => T): T => {
    const length = c.length();
    reader.pos = c.pos;
    const m = decode(reader, length);
    c.pos += length;
    return m;
  };
  while (c.pos < c.end) {
    const tag = c.varint();
    const field = fieldOf(tag);
    const wire = tag & 7;
    const expected = field >= 1 && field <= 6 || field === 11 ? 2 : field === 13 ? wire : field >= 7 && field <= 15 ? 0 : wire;
    if (wire !== expected) throw new ProfileError(`corrupt protobuf data: profile field ${field} has wire type ${wire}`);
    switch (field) {
      case 1: t.sampleTypes.push(message((r, n) => pb.ValueType.decode(r, n))); break;
      case 2: {
        const length = c.length();
        if (2 * t.sampleCount + 2 > t.sampleSpans.length) {
          const grown = new Uint32Array(t.sampleSpans.length * 2);
          grown.set(t.sampleSpans);
          t.sampleSpans = grown;
        }
        t.sampleSpans[2 * t.sampleCount] = c.pos;
        t.sampleSpans[2 * t.sampleCount + 1] = c.pos + length;
        t.sampleCount++;
        c.pos += length;
        break;
      }
      case 3: t.mappings.push(message((r, n) => pb.Mapping.decode(r, n))); break;
      case 4: t.locations.push(message((r, n) => pb.Location.decode(r, n))); break;
      case 5: t.functions.push(message((r, n) => pb.Function.decode(r, n))); break;
      case 6: {
        const length = c.length();
        t.strings.push(decodeUtf8(raw, c.pos, c.pos + length));
        c.pos += length;
        break;
      }
      case 9: t.timeNanos = c.varint(); break;
      case 10: t.durationNanos = c.varint(); break;
      case 11: t.periodType = message((r, n) => pb.ValueType.decode(r, n)); break;
      case 12: t.period = c.varint(); break;
      case 13:
        if (wire === 2) {
          const end = c.fieldEnd();
          while (c.pos < end) t.comments.push(c.varint());
        } else if (wire === 0) {
          t.comments.push(c.varint());
        } else {
          throw new ProfileError(`corrupt protobuf data: profile field 13 has wire type ${wire}`);
        }
        break;
      case 14: t.defaultSampleType = c.varint(); break;
      default: c.skip(wire);
    }
  }
  return t;
}

function readHead(t: TopLevel): ProfileHead {
  const strings = t.strings;
  // Go writes the string table last: a profile cut off between two fields decodes cleanly up to here.
  if (strings.length === 0) throw new ProfileError('not a complete pprof profile: no string table (is the file truncated?)');
  if (strings[0] !== '') throw new ProfileError('not a pprof profile: string_table[0] is not empty');
  if (t.sampleTypes.length === 0) throw new ProfileError('not a pprof profile: no sample types');
  const str = (x: number | null | undefined, what: string): string => {
    const i = x ?? 0;
    if (!Number.isInteger(i) || i < 0 || i >= strings.length) {
      throw new ProfileError(`corrupt profile: ${what} refers to string ${i} but the string table has ${strings.length} entries`);
    }
    return strings[i];
  };
  const valueType = (v: perftools.profiles.IValueType, what: string): ValueType => ({ type: str(v.type, what), unit: str(v.unit, what) });
  const sampleTypes = t.sampleTypes.map((v) => valueType(v, 'a sample type'));
  const comments = t.comments.map((x) => str(x, 'a comment'));
  const defaultName = str(t.defaultSampleType, 'default_sample_type');
  const named = defaultName === '' ? -1 : sampleTypes.findIndex((s) => s.type === defaultName);
  const periodType = t.periodType ? valueType(t.periodType, 'period_type') : undefined;
  return {
    strings,
    sampleTypes,
    defaultSampleType: named >= 0 ? named : sampleTypes.length - 1,
    periodType,
    period: t.period,
    timeNanos: t.timeNanos,
    durationNanos: t.durationNanos,
    comments,
  };
}

/** Whatever went wrong inside, the caller gets one short sentence. */
function asProfileError(e: unknown): ProfileError {
  if (e instanceof ProfileError) return e;
  if (e instanceof RangeLimitError) return new ProfileError(`profile too large: ${e.message}`);
  const msg = firstLine(e);
  if (/index out of range/.test(msg)) return new ProfileError('truncated or corrupt protobuf data');
  if (/wire type|nesting depth|max depth/.test(msg)) return new ProfileError(`corrupt protobuf data (${msg})`);
  if (e instanceof RangeError) return new ProfileError(`profile too large to decode (${msg})`);
  return new ProfileError(`corrupt profile (${msg})`);
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const line = msg.split('\n', 1)[0];
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}
