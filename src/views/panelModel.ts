/**
 * Turns a decoded profile into what the webview draws: the call tree's typed arrays as
 * they are, plus the names and files of the functions. Loading is here too because the
 * panel, the custom editor and the benchmark all load a profile the same way.
 */
import { gunzipGuarded } from '../io/profileFile';
import { buildCallTree, decodeProfile, type CallTree, type Profile } from '../profile';
import type { ViewModel } from './messages';

export function toViewModel(profile: Profile, tree: CallTree, title: string): ViewModel {
  const { functions, strings } = profile;
  const funcNames = new Array<string>(functions.length);
  const funcFiles = new Array<string>(functions.length);
  for (let f = 0; f < functions.length; f++) {
    funcNames[f] = strings[functions.name[f]] ?? '';
    funcFiles[f] = strings[functions.file[f]] ?? '';
  }
  return {
    title,
    sampleTypes: profile.sampleTypes.map((t) => ({ type: t.type, unit: t.unit })),
    defaultSampleType: profile.defaultSampleType,
    durationNanos: profile.durationNanos,
    funcNames,
    funcFiles,
    funcStartLines: functions.startLine,
    tree: {
      length: tree.length,
      sampleTypes: tree.sampleTypes,
      parent: tree.parent,
      func: tree.func,
      firstChild: tree.firstChild,
      nextSibling: tree.nextSibling,
      line: tree.line,
      inlined: tree.inlined,
      self: tree.self,
      total: tree.total,
    },
  };
}

export interface LoadedProfile {
  readonly profile: Profile;
  readonly model: ViewModel;
}

/** Decodes bytes into the view model; throws the engine's ProfileError on bad input. */
export function loadProfile(bytes: Uint8Array, title: string): LoadedProfile {
  const profile = decodeProfile(bytes, gunzipGuarded);
  return { profile, model: toViewModel(profile, buildCallTree(profile), title) };
}
