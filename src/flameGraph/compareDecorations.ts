/**
 * Editor annotations of the comparison in the panel the user looked at last: after each
 * changed line, its change in cost, red where it grew and blue where it shrank. A separate
 * layer from the active profile's annotations (which describe one profile), shown while a
 * comparison panel is open and following its filters.
 */
import * as vscode from 'vscode';
import type { Profile } from '../profile';
import { buildCostIndex } from '../profile/lineCosts';
import { diffLines, type DiffLine } from '../profile/lineDiff';
import { cachedExists, mapRecordedFiles } from '../shared/sourcePaths';
import { isFile, mappingRoots } from '../shared/sourceRoots';

interface Shown {
  readonly owner: object;
  readonly byLocal: Map<string, DiffLine[]>;
}

export class DiffDecorations implements vscode.Disposable {
  private readonly grew = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('charts.red'), margin: '0 0 0 2em', fontStyle: 'italic' },
    overviewRulerColor: new vscode.ThemeColor('charts.red'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  private readonly shrank = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('charts.blue'), margin: '0 0 0 2em', fontStyle: 'italic' },
    overviewRulerColor: new vscode.ThemeColor('charts.blue'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  private shown: Shown | undefined;
  private generation = 0;
  private readonly listener = vscode.window.onDidChangeVisibleTextEditors(() => this.applyAll());

  /** Shows `diff` (a profile from diffProfiles, maybe filtered) for `owner`, replacing what was shown. */
  async show(owner: object, diff: Profile): Promise<void> {
    const mine = ++this.generation;
    const index = buildCostIndex(diff);
    const mapped = await mapRecordedFiles(index.files.keys(), await mappingRoots(), cachedExists(isFile));
    if (mine !== this.generation) return;
    const byLocal = new Map<string, DiffLine[]>();
    for (const [local, recorded] of mapped) byLocal.set(local, diffLines(index, recorded));
    this.shown = { owner, byLocal };
    this.applyAll();
  }

  /** Removes the annotations if `owner` put them there. */
  clear(owner: object): void {
    if (this.shown?.owner !== owner) return;
    this.generation++;
    this.shown = undefined;
    this.applyAll();
  }

  /** The change texts on a document's lines (the editor suite reads them). */
  linesOf(path: string): readonly DiffLine[] {
    return this.shown?.byLocal.get(path) ?? [];
  }

  dispose(): void {
    this.listener.dispose();
    this.grew.dispose();
    this.shrank.dispose();
  }

  private applyAll(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const lines = editor.document.uri.scheme === 'file' ? this.linesOf(editor.document.uri.fsPath) : [];
      const up: vscode.DecorationOptions[] = [];
      const down: vscode.DecorationOptions[] = [];
      for (const l of lines) {
        if (l.line >= editor.document.lineCount) continue;
        const end = editor.document.lineAt(l.line).range.end;
        (l.delta > 0 ? up : down).push({ range: new vscode.Range(end, end), renderOptions: { after: { contentText: l.text } } });
      }
      editor.setDecorations(this.grew, up);
      editor.setDecorations(this.shrank, down);
    }
  }
}
