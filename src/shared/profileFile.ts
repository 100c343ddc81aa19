// Profile files on the host's file system: file-system failures become the engine's
// one-line ProfileError messages; decompression is capture/profileBytes.ts's.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodeProfileBytes, encodeProfileFile, gunzipGuarded } from '../capture/profileBytes';
import { MAX_PROFILE_BYTES, ProfileError, quickTop } from '../profile';
import type { Profile, TopOptions, TopTable } from '../profile';

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
  return named(path, decodeProfileBytes);
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

/**
 * Writes a profile as a gzip'd pprof file: to a new file beside it (created exclusively, so
 * nothing planted there is written through), then renamed over `path`.
 */
export function writeProfileFile(path: string, profile: Profile): void {
  const bytes = encodeProfileFile(profile);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  let created = false;
  try {
    writeFileSync(tmp, bytes, { flag: 'wx', mode: 0o644 });
    created = true;
    renameSync(tmp, path);
  } catch (e) {
    // Only ours is removed: a file already there under the temp name is someone else's.
    if (created) rmSync(tmp, { force: true });
    throw new ProfileError(`${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}
