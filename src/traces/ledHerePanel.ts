/**
 * The What Led Here panel: reads the flight recording into the model (go tool trace -d=parsed),
 * shows it in a webview with a strict CSP, and answers the page: open a wait's line, open Go's
 * trace viewer, or show the same seconds as a wait profile in the flame graph.
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { traceToPprof } from './traceTools';
import { renderPage } from '../shared/html';
import type { LedHostMessage, LedViewMessage } from './ledHereMessages';
import { LedFocus, readLedHere } from './ledHereRun';

export interface LedRecording extends LedFocus {
  path: string;
  location: string;
}

export async function showLedHere(extensionUri: vscode.Uri, rec: LedRecording): Promise<void> {
  const model = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Reading the flight recording…' },
    () => readLedHere(rec.path, rec),
  );
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  const built = vscode.Uri.joinPath(extensionUri, 'out', 'media');
  const panel = vscode.window.createWebviewPanel('goProfile.ledHere', `What Led Here: ${rec.location}`, vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: [media, built],
  });
  const webview = panel.webview;
  webview.html = renderPage({
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(built, 'ledHere.js')).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(media, 'ledHere.css')).toString(),
    title: `What Led Here: ${basename(rec.path)}`,
  });
  webview.onDidReceiveMessage((m: LedViewMessage) => void answer(m, rec, webview, model));
}

async function answer(m: LedViewMessage, rec: LedRecording, webview: vscode.Webview, model: Awaited<ReturnType<typeof readLedHere>>): Promise<void> {
  try {
    switch (m.type) {
      case 'ready': {
        const message: LedHostMessage = { type: 'model', model, location: rec.location };
        await webview.postMessage(message);
        return;
      }
      case 'openSource': {
        const line = Math.max(0, m.line - 1);
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(m.file));
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, selection: new vscode.Range(line, 0, line, 0) });
        return;
      }
      case 'openTraceViewer':
        await vscode.commands.executeCommand('goProfile.openTraceViewer', vscode.Uri.file(rec.path));
        return;
      case 'showWaits': {
        const profile = await traceToPprof(rec.path, m.kind);
        await vscode.commands.executeCommand('goProfile.openProfile', vscode.Uri.file(profile));
        return;
      }
    }
  } catch (err) {
    void vscode.window.showErrorMessage(err instanceof Error ? err.message : String(err));
  }
}
