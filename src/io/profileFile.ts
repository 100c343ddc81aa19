// The Node edge of the engine: reads a profile file and decompresses it with zlib, turning
// file-system and zlib failures into the engine's one-line ProfileError messages.
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeProfile, MAX_PROFILE_BYTES, ProfileError, quickTop } from '../profile';
import type { Profile, TopOptions, TopTable } from '../profile';

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
  const chunkSize = Math.max(64 << 10, Math.min(stated, limit) + 1);
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

export function readProfileBytes(path: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new ProfileError(`${path}: is a directory, not a profile file`);
    if (!st.isFile()) throw new ProfileError(`${path}: not a regular file`);
    size = st.size;
  } catch (e) {
    throw fileError(path, e);
  }
  if (size > MAX_PROFILE_BYTES) throw new ProfileError(`${path}: too large for a profile (${size >>> 20} MB)`);
  try {
    return readFileSync(path);
  } catch (e) {
    throw fileError(path, e);
  }
}

export function readProfileFile(path: string): Profile {
  return named(path, (bytes) => decodeProfile(bytes, gunzipGuarded));
}

/** The top table of a profile file, aggregated as it is read (the CLI's `top` without filters). */
export function readTopTable(path: string, options: TopOptions): TopTable {
  return named(path, (bytes) => quickTop(bytes, gunzipGuarded, options));
}

function named<R>(path: string, read: (bytes: Uint8Array) => R): R {
  const bytes = readProfileBytes(path);
  try {
    return read(bytes);
  } catch (e) {
    if (e instanceof ProfileError) throw new ProfileError(`${path}: ${e.message}`);
    throw e;
  }
}

function fileError(path: string, e: unknown): ProfileError {
  if (e instanceof ProfileError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new ProfileError(`${path}: no such file`);
  if (code === 'EACCES') return new ProfileError(`${path}: permission denied`);
  if (code === 'EISDIR') return new ProfileError(`${path}: is a directory, not a profile file`);
  return new ProfileError(`${path}: cannot read (${code ?? (e instanceof Error ? e.message : String(e))})`);
}
