/**
 * What the filters of a profile file's flame graph keep, by file: the editor annotations
 * of that file (when it is the active profile) follow the same focus/ignore/hide and label
 * filters as its graph and table. A view sets its entry when the user changes the filter
 * and removes it when the filter is cleared or the view is closed.
 */
import * as vscode from 'vscode';
import type { Profile } from '../profile';

const byFile = new Map<string, { readonly owner: object; readonly profile: Profile }>();
const changed = new vscode.EventEmitter<vscode.Uri>();
/** Fires with the profile file whose filtered samples changed. */
export const onDidChangeFilteredProfile = changed.event;

/** The samples the filters of `uri`'s flame graph keep; undefined when it is not filtered. */
export function filteredProfile(uri: vscode.Uri): Profile | undefined {
  return byFile.get(uri.toString())?.profile;
}

/**
 * Sets (or with undefined, removes) what `owner`'s view of `uri` keeps. Removing only removes
 * the owner's own entry: closing one of two views of a file leaves the other's filter.
 */
export function setFilteredProfile(uri: vscode.Uri, owner: object, profile: Profile | undefined): void {
  const key = uri.toString();
  if (profile) {
    byFile.set(key, { owner, profile });
  } else if (byFile.get(key)?.owner === owner) {
    byFile.delete(key);
  } else {
    return;
  }
  changed.fire(uri);
}

/** A view's hooks for `uri`: publish its filter changes, and withdraw them when it closes. */
export function filterFollower(uri: vscode.Uri): { onFilter: (filtered: Profile, narrowed: boolean) => void; dispose: () => void } {
  const owner = {};
  return {
    onFilter: (filtered, narrowed) => setFilteredProfile(uri, owner, narrowed ? filtered : undefined),
    dispose: () => setFilteredProfile(uri, owner, undefined),
  };
}
