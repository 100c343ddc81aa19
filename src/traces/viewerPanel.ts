/**
 * Go's trace viewer in a VS Code webview: `go tool trace` serves on 127.0.0.1 behind a proxy of
 * ours; the page is framed through VS Code's external-URI mapping, and the proxy keeps the
 * viewer's links under whatever path that mapping puts it (so it also works in remote setups). The
 * viewer process lives exactly as long as its panel, and the panel no longer than the debug
 * session it came from.
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { startTraceViewer } from './traceViewer';
import { escapeHtml, newNonce, strictPolicy } from '../shared/html';

export class TraceViewerPanels implements vscode.Disposable {
  private readonly open = new Set<{ panel: vscode.WebviewPanel; session?: string }>();

  async show(tracePath: string, sessionId: string | undefined): Promise<void> {
    const viewer = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Starting Go\'s trace viewer…' },
      () => startTraceViewer(tracePath),
    );
    let external: vscode.Uri;
    try {
      external = await vscode.env.asExternalUri(vscode.Uri.parse(viewer.url));
    } catch (err) {
      await viewer.stop();
      throw err;
    }
    // code-server maps the viewer to a path such as /proxy/PORT/; desktop VS Code to an origin.
    external = external.with({ path: external.path.endsWith('/') ? external.path : `${external.path}/` });
    viewer.setExternalPath(new URL(external.toString()).pathname);
    const panel = vscode.window.createWebviewPanel('goProfile.traceViewer', `Trace: ${basename(tracePath)}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      retainContextWhenHidden: true,
    });
    const entry = { panel, session: sessionId };
    this.open.add(entry);
    panel.webview.html = page(external, panel.webview.cspSource);
    panel.webview.onDidReceiveMessage((m: { type?: string }) => {
      if (m.type === 'openExternal') {
        void vscode.env.openExternal(external);
      }
    });
    panel.onDidDispose(() => {
      this.open.delete(entry);
      void viewer.stop();
    });
    // A viewer that exits by itself (crash, killed) closes its panel instead of leaving a dead frame.
    void viewer.exited.then(() => panel.dispose());
  }

  /** Closes the viewers opened for traces of a session that ended. */
  sessionEnded(sessionId: string): void {
    for (const entry of [...this.open]) {
      if (entry.session === sessionId) {
        entry.panel.dispose();
      }
    }
  }

  dispose(): void {
    for (const entry of [...this.open]) {
      entry.panel.dispose();
    }
  }
}

function page(url: vscode.Uri, cspSource: string): string {
  const nonce = newNonce();
  const origin = `${url.scheme}://${url.authority}`;
  const csp = strictPolicy([`frame-src ${origin}`, `style-src ${cspSource} 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`]);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<style nonce="${nonce}">
  html, body { margin: 0; padding: 0; height: 100%; overflow: hidden; }
  body { display: flex; flex-direction: column; }
  header { padding: 4px 8px; font: var(--vscode-font-size) var(--vscode-font-family); }
  iframe { flex: 1; border: 0; width: 100%; background: white; }
</style>
</head>
<body>
<header>Go trace viewer at ${escapeHtml(url.toString(true))} — <button id="external">Open in Browser</button></header>
<iframe src="${escapeHtml(url.toString(true))}" title="Go trace viewer"></iframe>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  document.getElementById('external').addEventListener('click', () => vscode.postMessage({ type: 'openExternal' }));
</script>
</body>
</html>`;
}
