/**
 * Opens the source of a frame: maps the recorded path to a local file (panelPaths.ts over
 * sourcePaths.ts, with the workspace roots of sourceRoots.ts that the annotations use too),
 * opens it at the line beside the profile, and when no file is found says which one and
 * offers to locate it; a located file teaches a substitution that later lookups reuse.
 */
import * as vscode from 'vscode';
import { codeColumn } from '../shared/profileColumn';
import { isFile, mappingRoots } from '../shared/sourceRoots';
import { resolveSourcePath, substitutionFor, type SourceRoots, type Substitution } from './paths';
import type { MappingRoots } from '../shared/sourcePaths';

const substitutionsKey = 'goProfile.sourceSubstitutions';

export class SourceOpener {
  private rootsPromise: Promise<MappingRoots> | undefined;
  private readonly resolved = new Map<string, string | undefined>();

  constructor(private readonly state: vscode.Memento) {}

  /** Forgets discovered roots when the workspace changes. */
  reset(): void {
    this.rootsPromise = undefined;
    this.resolved.clear();
  }

  private async roots(): Promise<SourceRoots> {
    this.rootsPromise ??= mappingRoots();
    return { ...(await this.rootsPromise), substitutions: this.state.get<Substitution[]>(substitutionsKey, []) };
  }

  async resolve(recorded: string): Promise<string | undefined> {
    if (this.resolved.has(recorded)) {
      return this.resolved.get(recorded);
    }
    const local = await resolveSourcePath(recorded, await this.roots(), isFile);
    this.resolved.set(recorded, local);
    return local;
  }

  async open(func: string, recorded: string, line: number): Promise<void> {
    if (!recorded) {
      void vscode.window.showWarningMessage(`The profile records no source file for ${func}.`);
      return;
    }
    const local = await this.resolve(recorded);
    if (local) {
      await this.show(local, line);
      return;
    }
    const choice = await vscode.window.showWarningMessage(`Cannot find ${recorded} (source of ${func}).`, 'Locate…');
    if (choice !== 'Locate…') {
      return;
    }
    const picked = await vscode.window.showOpenDialog({
      title: `Locate ${recorded}`,
      canSelectMany: false,
      filters: { Go: ['go'], 'All files': ['*'] },
    });
    if (!picked?.[0]) {
      return;
    }
    const chosen = picked[0].fsPath;
    const subs = this.state.get<Substitution[]>(substitutionsKey, []);
    await this.state.update(substitutionsKey, [substitutionFor(recorded, chosen), ...subs].slice(0, 20));
    this.resolved.clear();
    await this.show(chosen, line);
  }

  /** In the code's column, without taking focus from the profile: clicking through frames shows code. */
  private async show(path: string, line: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
    const at = Math.max(0, Math.min(line - 1, doc.lineCount - 1));
    const range = new vscode.Range(at, 0, at, 0);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: codeColumn(), preserveFocus: true, preview: true, selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
