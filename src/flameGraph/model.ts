/**
 * A profile's bytes as the flame graph shows them: decoded, its call tree built, in the
 * webview's model (the webview tests and benchmark start from bytes).
 */
import { decodeProfileBytes } from '../capture/profileBytes';
import { demangleProfile, type Profile } from '../profile';
import type { ViewModel } from '../shared/messages';
import { filteredModel } from './filter';

export interface LoadedProfile {
  readonly profile: Profile;
  readonly model: ViewModel;
}

/**
 * Decodes bytes into the view model, names demangled as pprof shows them unless `demangle`
 * is false; throws the engine's ProfileError on bad input.
 */
export function loadProfile(bytes: Uint8Array, title: string, demangle = true): LoadedProfile {
  const decoded = decodeProfileBytes(bytes);
  const profile = demangle ? demangleProfile(decoded) : decoded;
  return { profile, model: filteredModel(profile, title).model };
}
