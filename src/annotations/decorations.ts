/**
 * Gutter heat marks and after-line text in the visible Go editors. One decoration type per
 * heat bucket (an SVG bar as gutter icon, no remote content) and one for the text, whose
 * content is set per line. Edits re-apply after a short pause, never during a keystroke.
 */
import * as vscode from 'vscode';
import { HEAT_BUCKETS, heatOpacity, heatSvg } from './heat';
import type { AnnotationState } from './state';

const HEAT_COLOR = '#f0643c';
const EDIT_DELAY_MS = 150;

function heatType(bucket: number): vscode.TextEditorDecorationType {
  const alpha = Math.round(heatOpacity(bucket) * 255)
    .toString(16)
    .padStart(2, '0');
  return vscode.window.createTextEditorDecorationType({
    gutterIconPath: vscode.Uri.parse(`data:image/svg+xml;utf8,${encodeURIComponent(heatSvg(HEAT_COLOR, bucket))}`),
    gutterIconSize: 'contain',
    overviewRulerColor: bucket >= HEAT_BUCKETS - 1 ? `${HEAT_COLOR}${alpha}` : undefined,
    overviewRulerLane: vscode.OverviewRulerLane.Left,
  });
}

export class Decorations implements vscode.Disposable {
  private readonly heat = Array.from({ length: HEAT_BUCKETS }, (_, i) => heatType(i + 1));
  private readonly text = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('editorCodeLens.foreground'), margin: '0 0 0 2em', fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly state: AnnotationState) {
    this.disposables.push(
      state.onDidChange(() => this.applyAll()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.applyAll()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (state.onEdit(e)) this.later(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => state.forget(d)),
    );
    this.applyAll();
  }

  dispose(): void {
    this.pending.forEach((t) => clearTimeout(t));
    [...this.heat, this.text, ...this.disposables].forEach((d) => d.dispose());
  }

  private later(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pending.get(key));
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        vscode.window.visibleTextEditors.filter((e) => e.document === document).forEach((e) => this.apply(e));
      }, EDIT_DELAY_MS),
    );
  }

  private applyAll(): void {
    vscode.window.visibleTextEditors.forEach((e) => this.apply(e));
  }

  private apply(editor: vscode.TextEditor): void {
    const ann = editor.document.languageId === 'go' ? this.state.annotations(editor.document) : undefined;
    const byBucket: vscode.Range[][] = this.heat.map(() => []);
    const texts: vscode.DecorationOptions[] = [];
    const lineCount = editor.document.lineCount;
    for (const a of ann?.lines ?? []) {
      if (a.line >= lineCount) continue;
      const end = editor.document.lineAt(a.line).range.end;
      const range = new vscode.Range(end, end);
      if (a.bucket > 0) byBucket[a.bucket - 1].push(new vscode.Range(a.line, 0, a.line, 0));
      texts.push({ range, renderOptions: { after: { contentText: a.text } } });
    }
    this.heat.forEach((type, i) => editor.setDecorations(type, byBucket[i]));
    editor.setDecorations(this.text, texts);
  }
}
