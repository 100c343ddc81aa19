/**
 * A CodeLens above each function the active profile sampled, with its flat and cum. A click
 * runs `goProfile.annotations.focusFunction`, which shows the function in the flame graph.
 */
import * as vscode from 'vscode';
import type { AnnotationState } from './state';

export const FOCUS_COMMAND = 'goProfile.annotations.focusFunction';

export class FunctionLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly listener: vscode.Disposable;

  constructor(private readonly state: AnnotationState) {
    this.listener = state.onDidChange(() => this.changed.fire());
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const ann = this.state.annotations(document);
    if (!ann) return [];
    return ann.functions
      .filter((f) => f.line < document.lineCount)
      .map(
        (f) =>
          new vscode.CodeLens(new vscode.Range(f.line, 0, f.line, 0), {
            title: f.text,
            tooltip: `${f.name}: show in the flame graph`,
            command: FOCUS_COMMAND,
            arguments: [document.uri, f.line, f.name],
          }),
      );
  }
}
