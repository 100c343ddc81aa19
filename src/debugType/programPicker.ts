/**
 * F5 without launch.json, the VS Code side of ./programChoice.ts: what is focused, where
 * GOROOT and the module cache are (asked of the absolute `go` the extension found), which
 * workspace directories hold a main package, the program debugged last, and a quick pick
 * when several programs remain.
 */
import * as vscode from 'vscode';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { statSync } from 'node:fs';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { findGo, goLibraryRoots, isWithin, rootList } from '../debug/goCommand';
import { filePackageName, programKind } from '../debug/goPackage';
import { configurationForMain, focusedProgram, isUserCode, workspaceProgram } from './programChoice';

const LAST_PROGRAM = 'goDlv.lastProgram';
/** Enough for any workspace a person debugs by F5 without launch.json; a bigger one picks from what was found. */
const MAX_GO_FILES = 5000;

/** The Go file on disk in the active editor, if any. */
export function activeGoFile(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.languageId === 'go' && doc.uri.scheme === 'file' ? doc.uri.fsPath : undefined;
}

export function workspaceFolderPaths(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** GOROOT and GOMODCACHE, from `go env` run in the folder (its go.mod may choose another toolchain). */
export async function libraryRoots(folder: vscode.WorkspaceFolder | undefined): Promise<string[]> {
  const cwd = folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
  return rootList(await goLibraryRoots(findGo(process.env), process.env, cwd));
}

/**
 * The launch F5 makes of an empty configuration: the focused file's program or test when it
 * is the user's, otherwise the workspace's main package. Undefined when there is none (the
 * user is told) or the user dismissed the choice.
 */
export async function chooseProgram(state: vscode.Memento, goFile: string | undefined, roots: readonly string[]): Promise<vscode.DebugConfiguration | undefined> {
  const folders = workspaceFolderPaths();
  const focused = focusedProgram({ goFile, goFilePackage: goFile && filePackageName(goFile), folders, libraryRoots: roots });
  if (focused) {
    return focused;
  }
  const mains = (await mainPackages()).filter((dir) => isUserCode(dir, folders, roots));
  const choice = workspaceProgram(mains, state.get<string>(LAST_PROGRAM), goFile);
  switch (choice.kind) {
    case 'one':
      return configurationForMain(choice.dir);
    case 'none':
      void vscode.window.showInformationMessage(choice.message);
      return undefined;
    case 'pick': {
      const picked = await vscode.window.showQuickPick(
        choice.dirs.map((dir) => ({ label: programLabel(dir, folders), description: dir, dir })),
        { title: 'Debug which program?', placeHolder: 'The main packages of this workspace' },
      );
      return picked && configurationForMain(picked.dir);
    }
  }
}

/** `cmd/server` for a package below a folder, the folder's name for its root (prefixed by it with several folders). */
function programLabel(dir: string, folders: readonly string[]): string {
  const folder = folders.find((f) => isWithin(dir, f));
  if (!folder) {
    return dir;
  }
  const rel = relative(folder, dir);
  return folders.length > 1 || !rel ? join(basename(folder), rel) : rel;
}

/** Directories of the workspace holding a main package (vendor, testdata and hidden folders aside). */
async function mainPackages(): Promise<string[]> {
  const files = await vscode.workspace.findFiles('**/*.go', '{**/vendor/**,**/testdata/**,**/node_modules/**,**/.*/**}', MAX_GO_FILES);
  const dirs = new Set(files.filter((f) => f.scheme === 'file' && !f.fsPath.endsWith('_test.go')).map((f) => dirname(f.fsPath)));
  return [...dirs].filter((dir) => programKind(dir).kind === 'main');
}

/** Remembers the program of each go-dlv launch of a main package, for the next F5 from a library file. */
export function rememberPrograms(state: vscode.Memento): vscode.Disposable {
  return vscode.debug.onDidStartDebugSession((session) => {
    const config = session.configuration;
    if (session.type !== DEBUG_TYPE || config.request !== 'launch' || (config.mode ?? 'debug') !== 'debug' || typeof config.program !== 'string' || !isAbsolute(config.program)) {
      return;
    }
    try {
      const dir = resolve(statSync(config.program).isDirectory() ? config.program : dirname(config.program));
      void state.update(LAST_PROGRAM, dir);
    } catch {
      // An import path, or gone: nothing to come back to.
    }
  });
}
