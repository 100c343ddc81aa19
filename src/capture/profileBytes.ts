// pprof bytes on a Node host (the adapter's captures and the extension host alike): the
// engine decodes and encodes, zlib (de)compresses here, inflating no further than the engine
// accepts. The lowest Node layer owns it so that capture, shared and the CLI use one copy.
import { gunzipSync, gzipSync } from 'node:zlib';
import { decodeProfile, encodeProfile, MAX_PROFILE_BYTES, ProfileError } from '../profile';
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

/** A pprof profile's bytes, gzip'd or not, in the engine's model; a ProfileError says what is wrong. */
export function decodeProfileBytes(bytes: Uint8Array): Profile {
  return decodeProfile(bytes, gunzipGuarded);
}

/** A profile as a gzip'd pprof file, as Go's runtime writes them. */
export function encodeProfileFile(profile: Profile): Buffer {
  return gzipSync(encodeProfile(profile));
}
