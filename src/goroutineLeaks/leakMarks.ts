/**
 * Gutter marks for the latest leak check: the lines leaked goroutines are blocked on and the
 * `go` statements that created them, in every editor showing those files, with a hover that
 * says how many and where the other end is.
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { LeakGroup } from '../capture/api';
import { goroutines } from './leakTree';

export const BLOCKED_TINT = 'rgba(229, 160, 0, 0.15)';

interface Mark {
  line: number;
  hover: string;
}

export class LeakMarks {
  private readonly blocked: vscode.TextEditorDecorationType;
  private readonly created: vscode.TextEditorDecorationType;
  /** By absolute file path. */
  private marks = new Map<string, { blocked: Mark[]; created: Mark[] }>();

  constructor(extensionUri: vscode.Uri) {
    const style = (icon: string, color: string, extra: vscode.DecorationRenderOptions = {}): vscode.TextEditorDecorationType =>
      vscode.window.createTextEditorDecorationType({
        gutterIconPath: vscode.Uri.joinPath(extensionUri, 'media', icon),
        gutterIconSize: 'contain',
        overviewRulerColor: new vscode.ThemeColor(color),
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        ...extra,
      });
    // The leak profile, when it annotates the editor, puts its heat in the blocked line's gutter
    // too (one icon per line shows): the line itself is tinted, in the icon's amber.
    this.blocked = style('leak-blocked.svg', 'editorWarning.foreground', { isWholeLine: true, backgroundColor: BLOCKED_TINT });
    this.created = style('leak-created.svg', 'editorInfo.foreground');
  }

  show(groups: LeakGroup[]): void {
    this.marks = new Map();
    const at = (file: string) => this.marks.get(file) ?? this.marks.set(file, { blocked: [], created: [] }).get(file)!;
    for (const g of groups) {
      const from = g.createdAt ? `, created at ${basename(g.createdAt.file)}:${g.createdAt.line}` : '';
      if (g.blockedAt) {
        at(g.blockedAt.file).blocked.push({ line: g.blockedAt.line, hover: `${goroutines(g.count)} leaked here (${g.waitReason})${from}` });
      }
      if (g.createdAt) {
        const to = g.blockedAt ? `, blocked at ${basename(g.blockedAt.file)}:${g.blockedAt.line}` : '';
        at(g.createdAt.file).created.push({ line: g.createdAt.line, hover: `This go statement started ${goroutines(g.count)} that leaked${to}` });
      }
    }
    vscode.window.visibleTextEditors.forEach((e) => this.decorate(e));
  }

  decorate(editor: vscode.TextEditor): void {
    const marks = this.marks.get(editor.document.uri.fsPath);
    const options = (list: Mark[] | undefined): vscode.DecorationOptions[] =>
      (list ?? []).filter((m) => m.line <= editor.document.lineCount).map((m) => ({ range: new vscode.Range(m.line - 1, 0, m.line - 1, 0), hoverMessage: m.hover }));
    editor.setDecorations(this.blocked, options(marks?.blocked));
    editor.setDecorations(this.created, options(marks?.created));
  }

  dispose(): void {
    this.blocked.dispose();
    this.created.dispose();
  }
}
