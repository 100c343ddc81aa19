// The Node edge of the engine: reads a profile file and decompresses it with zlib, turning
// file-system and zlib failures into the engine's one-line ProfileError messages.
import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeProfile, MAX_PROFILE_BYTES, ProfileError } from '../profile';
import type { Profile } from '../profile';

/** zlib gunzip that refuses to inflate beyond what the engine accepts (gzip bombs). */
export function gunzipGuarded(bytes: Uint8Array, limit = MAX_PROFILE_BYTES): Uint8Array {
  try {
    return gunzipSync(bytes, { maxOutputLength: limit });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ProfileError(`profile too large: more than ${limit >>> 20} MB decompressed`);
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
  const bytes = readProfileBytes(path);
  try {
    return decodeProfile(bytes, (b) => gunzipGuarded(b));
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
