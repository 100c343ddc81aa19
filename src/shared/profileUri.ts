/**
 * Profile files as the extension host sees them: the custom editor's view type (features
 * open a profile with `vscode.openWith(uri, profileEditorViewType)`) and a size-capped read
 * through VS Code's file system.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { MAX_PROFILE_BYTES, ProfileError } from '../profile';

export const profileEditorViewType = 'goProfile.profileEditor';

/** Reads a profile through VS Code's file system (remote workspaces too), size-capped. */
export async function readProfileUri(uri: vscode.Uri): Promise<Uint8Array> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_PROFILE_BYTES) {
    throw new ProfileError(`${basename(uri.path)} is too large for a profile (${stat.size >>> 20} MB)`);
  }
  if (stat.size === 0) {
    throw new ProfileError(`${basename(uri.path)} is empty`);
  }
  return vscode.workspace.fs.readFile(uri);
}
