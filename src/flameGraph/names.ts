// Raw or demangled names in one profile view: the view's Names toggle switches between them;
// the goProfile.demangleNames setting chooses which the view opens with.
import { demangleProfile, type Profile } from '../profile';

export interface NamedProfile {
  readonly profile: Profile;
  /** Present when demangling changes some function's name: only then does the toggle show. */
  readonly names?: { readonly demangled: boolean };
}

/** The profile as decoded (raw names) with the names chosen: demangled as pprof shows them, or raw. */
export function namedProfile(raw: Profile, demangle: boolean): NamedProfile {
  const demangled = demangleProfile(raw);
  let differs = false;
  for (let f = 0; f < raw.functions.length && !differs; f++) {
    differs = raw.strings[raw.functions.name[f]] !== demangled.strings[demangled.functions.name[f]];
  }
  return { profile: demangle ? demangled : raw, names: differs ? { demangled: demangle } : undefined };
}
