/**
 * "Open in speedscope": the engine exports the profile in speedscope's format and the
 * speedscope app that ships with the extension shows it in a panel of its own. A webview
 * rather than the user's browser, so it works where the browser cannot read the extension
 * host's files (code-server, remote windows).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { Profile } from '../profile';
import { writeSpeedscopeExport } from './speedscopeExport';
import { renderSpeedscopePage, speedscopeAssets } from './speedscopePage';

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
  const assets = speedscopeAssets(readFileSync(app, 'utf8'));
  const exports = vscode.Uri.joinPath(context.globalStorageUri, 'speedscope');
  const file = await writeSpeedscopeExport(profile, sampleType, title, exports.fsPath);
  const appDir = vscode.Uri.file(dirname(app));
  const media = vscode.Uri.joinPath(context.extensionUri, 'out', 'media');
  const panel = vscode.window.createWebviewPanel('goProfile.speedscope', `speedscope: ${title}`, vscode.ViewColumn.Active, {
    enableScripts: true,
    retainContextWhenHidden: true,
    localResourceRoots: [appDir, exports, media],
  });
  const { webview } = panel;
  webview.html = renderSpeedscopePage({
    cspSource: webview.cspSource,
    appUri: `${webview.asWebviewUri(appDir).toString()}/`,
    assets,
    loaderUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'speedscopeLoader.js')).toString(),
    profileUri: webview.asWebviewUri(vscode.Uri.file(file)).toString(),
    title,
  });
}
