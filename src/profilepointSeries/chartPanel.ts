/**
 * The chart of one series in a panel: static SVG and a style with a nonce, no script
 * (`default-src 'none'`), so nothing in it can run; it is redrawn when the series grows.
 */
import * as vscode from 'vscode';
import { escapeHtml, newNonce, strictPolicy } from '../shared/html';
import type { Series } from './series';
import { chartSvg, growthText, summarize } from './seriesChart';

const STYLE = `body{font-family:var(--vscode-font-family);color:var(--vscode-foreground)}
.axis{stroke:var(--vscode-foreground);stroke-opacity:.5}
.series{fill:none;stroke:var(--vscode-charts-blue,#3794ff);stroke-width:2}
.dot{fill:var(--vscode-charts-blue,#3794ff)}
.label{fill:var(--vscode-foreground);font-size:11px}`;

export class ChartPanels implements vscode.Disposable {
  private readonly open = new Map<string, vscode.WebviewPanel>();

  show(series: Series): void {
    let panel = this.open.get(series.id);
    if (!panel) {
      panel = vscode.window.createWebviewPanel('goProfile.seriesChart', `Series: ${series.id}`, vscode.ViewColumn.Active, { enableScripts: false });
      this.open.set(series.id, panel);
      panel.onDidDispose(() => this.open.delete(series.id));
    }
    panel.webview.html = chartPage(series);
    panel.reveal();
  }

  /** Redraws an open chart when its series has a new capture. */
  update(series: Series): void {
    const panel = this.open.get(series.id);
    if (panel) {
      panel.webview.html = chartPage(series);
    }
  }

  dispose(): void {
    this.open.forEach((p) => p.dispose());
  }
}

export function chartPage(series: Series): string {
  const nonce = newNonce();
  const summary = summarize(series);
  const headline = summary ? `${growthText(summary)} over ${series.captures.length} captures` : 'No totals yet';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(strictPolicy([`style-src 'nonce-${nonce}'`]))}">
<style nonce="${nonce}">${STYLE}</style>
<title>${escapeHtml(series.id)}</title>
</head>
<body>
<h3 id="title">${escapeHtml(series.id)}</h3>
<p id="growth">${escapeHtml(headline)}</p>
${chartSvg(series)}
</body>
</html>
`;
}
