/**
 * Opens the source of a frame: maps the recorded path to a local file (panelPaths.ts),
 * opens it at the line beside the profile, and when no file is found says which one and
 * offers to locate it; a located file teaches a substitution that later lookups reuse.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { resolveSourcePath, substitutionFor, type GoModule, type SourceRoots, type Substitution } from './panelPaths';

const substitutionsKey = 'goProfile.sourceSubstitutions';

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

function goEnv(): Promise<{ GOROOT?: string; GOMODCACHE?: string }> {
  return new Promise((resolve) => {
    execFile('go', ['env', '-json', 'GOROOT', 'GOMODCACHE'], { timeout: 10_000 }, (err, stdout) => {
      if (err) {
        resolve({});
        return;
      }
      try {
        resolve(JSON.parse(stdout));
      } catch {
        resolve({});
      }
    });
  });
}

async function workspaceModules(): Promise<GoModule[]> {
  const files = await vscode.workspace.findFiles('**/go.mod', '**/{vendor,node_modules,testdata}/**', 200);
  const modules: GoModule[] = [];
  for (const uri of files) {
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    const m = /^module\s+"?([^\s"]+)"?/m.exec(text);
    if (m) {
      modules.push({ path: m[1], dir: dirname(uri.fsPath) });
    }
  }
  // Nested modules first: the longest module path is the most specific match.
  return modules.sort((a, b) => b.path.length - a.path.length);
}

export class SourceOpener {
  private rootsPromise: Promise<Omit<SourceRoots, 'substitutions'>> | undefined;
  private readonly resolved = new Map<string, string | undefined>();

  constructor(private readonly state: vscode.Memento) {}

  /** Forgets discovered roots when the workspace changes. */
  reset(): void {
    this.rootsPromise = undefined;
    this.resolved.clear();
  }

  private async roots(): Promise<SourceRoots> {
    this.rootsPromise ??= (async () => {
      const [env, modules] = await Promise.all([goEnv(), workspaceModules()]);
      return {
        goroot: env.GOROOT || undefined,
        gomodcache: env.GOMODCACHE || undefined,
        modules,
        workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath),
      };
    })();
    return { ...(await this.rootsPromise), substitutions: this.state.get<Substitution[]>(substitutionsKey, []) };
  }

  async resolve(recorded: string): Promise<string | undefined> {
    if (this.resolved.has(recorded)) {
      return this.resolved.get(recorded);
    }
    const local = await resolveSourcePath(recorded, await this.roots(), exists);
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

  /** Beside the profile, without taking focus from it: clicking through frames shows code. */
  private async show(path: string, line: number): Promise<void> {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path));
    const at = Math.max(0, Math.min(line - 1, doc.lineCount - 1));
    const range = new vscode.Range(at, 0, at, 0);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true, selection: range });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
