/**
 * "Open in speedscope": the engine exports the profile in speedscope's format and the
 * speedscope app that ships with the extension opens it in the browser, the way
 * speedscope's own CLI does (a small script file named in the URL's #localProfilePath).
 * Only the latest few exports are kept in the extension's storage.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { Profile } from '../profile';
import { writeSpeedscopeExport } from './panelSpeedscopeExport';

function speedscopeApp(extensionPath: string): string | undefined {
  const candidates = [join(extensionPath, 'out', 'speedscope', 'index.html'), join(extensionPath, 'node_modules', 'speedscope', 'dist', 'release', 'index.html')];
  return candidates.find((p) => existsSync(p));
}

export async function openInSpeedscope(context: vscode.ExtensionContext, profile: Profile, sampleType: number, title: string): Promise<void> {
  const app = speedscopeApp(context.extensionPath);
  if (!app) {
    void vscode.window.showErrorMessage('The speedscope app is missing from this installation of the extension.');
    return;
  }
  const page = await writeSpeedscopeExport(profile, sampleType, title, join(context.globalStorageUri.fsPath, 'speedscope'), app);
  await vscode.env.openExternal(vscode.Uri.file(page));
}
