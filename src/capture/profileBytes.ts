// pprof bytes on a Node host (the adapter's captures and the extension host alike): the
// engine decodes and encodes, zlib (de)compresses here, inflating no further than the engine
// accepts. The lowest Node layer owns it so that capture, shared and the CLI use one copy.
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeProfile, encodeProfile, MAX_PROFILE_BYTES, ProfileError } from '../profile';
import type { Profile } from '../profile';

/**
 * pprof's gzip'd protobuf shrinks 2 to 15 times; a gzip bomb about 1000 times. Refusing
 * output beyond this many times the input (past a floor for small files) stops a bomb after
 * a few tens of MB instead of at MAX_PROFILE_BYTES.
 */
export const MAX_INFLATE_RATIO = 32;
const INFLATE_FLOOR = 32 << 20;

/** The most that `compressed` bytes of gzip may inflate to. */
export function inflateLimit(compressed: number): number {
  return Math.min(MAX_PROFILE_BYTES, Math.max(INFLATE_FLOOR, compressed * MAX_INFLATE_RATIO));
}

/**
 * zlib gunzip that stops at `limit` (gzip bombs). gzip's trailer states the inflated size
 * (of the last member, mod 2^32): used as zlib's chunk size, the output is inflated into one
 * buffer of that size instead of 16 KB chunks joined at the end, which halves the peak memory
 * and the time (measured in bench/engine.bench.ts). A trailer that lies costs only the join.
 */
export function gunzipGuarded(bytes: Uint8Array, limit = inflateLimit(bytes.length)): Uint8Array {
  const n = bytes.length;
  const stated = n >= 18 ? (bytes[n - 4] | (bytes[n - 3] << 8) | (bytes[n - 2] << 16) | (bytes[n - 1] << 24)) >>> 0 : 0;
  // A stated size beyond what a profile compresses to is a lie or a bomb: not worth a buffer.
  const plausible = stated <= n * MAX_INFLATE_RATIO ? Math.min(stated, limit) : 0;
  const chunkSize = Math.max(64 << 10, plausible + 1);
  try {
    return gunzipSync(bytes, { maxOutputLength: limit, chunkSize });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      const why = limit < MAX_PROFILE_BYTES ? `, over ${MAX_INFLATE_RATIO} times its compressed size (a gzip bomb?)` : '';
      throw new ProfileError(`profile too large: more than ${limit >>> 20} MB decompressed${why}`);
    }
    throw e;
  }
}

/** A pprof profile's bytes, gzip'd or not, in the engine's model; a ProfileError says what is wrong. */
export function decodeProfileBytes(bytes: Uint8Array): Profile {
  return decodeProfile(bytes, gunzipGuarded);
}

/** A profile as a gzip'd pprof file, as Go's runtime writes them. */
export function encodeProfileFile(profile: Profile): Buffer {
  return gzipSync(encodeProfile(profile));
}
