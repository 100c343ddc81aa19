/**
 * Loads a profile for the views: decode with zlib, build the call tree, convert to the
 * webview's model. The panel, the custom editor, the tests and the benchmark share it.
 */
import { gunzipGuarded } from '../capture/profileBytes';
import { decodeProfile, type Profile } from '../profile';
import type { ViewModel } from '../shared/messages';
import { filteredModel } from './filter';

export interface LoadedProfile {
  readonly profile: Profile;
  readonly model: ViewModel;
}

/** Decodes bytes into the view model; throws the engine's ProfileError on bad input. */
export function loadProfile(bytes: Uint8Array, title: string): LoadedProfile {
  const profile = decodeProfile(bytes, gunzipGuarded);
  return { profile, model: filteredModel(profile, title).model };
}
