/**
 * The profile views: a flame-graph panel and a custom editor for pprof files.
 *
 * API for other features (capture, editor annotations), registered by
 * `registerProfileViews(context)` from extension.ts:
 *
 * - `showProfile(source, title?)` opens a profile in a new flame-graph panel beside the
 *   active editor. `source` is a `vscode.Uri` of a pprof file (gzip'd or not) or the
 *   profile's bytes; `title` names the panel (default: the file name). Resolves once the
 *   panel exists; decoding errors are shown in the panel and as a notification.
 * - The same as a command for callers that do not import this module:
 *   `vscode.commands.executeCommand('goProfile.showProfile', uriOrBytes, title?)`.
 *
 * Commands: `goProfile.openProfile` (Go Profile: Open Profile…),
 * `goProfile.openInSpeedscope` (Go Profile: Open in speedscope) and the comparison
 * commands of ./compare.ts.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { filterFollower } from '../shared/filteredProfiles';
import { ProfileSession, type ProfileInput } from './session';
import { activeSession, followCursor, track } from '../shared/profileViews';
import { SourceOpener } from './source';
import { registerCompare } from './compare';
import { ProfileEditorProvider, profileEditorViewType, readProfileUri } from './profileEditor';

let registered: { context: vscode.ExtensionContext; opener: SourceOpener } | undefined;

export async function showProfile(source: vscode.Uri | Uint8Array, title?: string): Promise<void> {
  if (!registered) {
    throw new Error('showProfile called before registerProfileViews');
  }
  const name = title ?? (source instanceof Uint8Array ? 'profile' : basename(source.path));
  if (source instanceof Uint8Array) {
    openPanel(`Profile: ${name}`, { title: name, bytes: () => Promise.resolve(source) });
    return;
  }
  // A file's panel filters that file's annotations, as its flame-graph editor does.
  const follower = filterFollower(source);
  openPanel(`Profile: ${name}`, { title: name, bytes: () => readProfileUri(source), onFilter: follower.onFilter }).onDidDispose(follower.dispose);
}

/** A new flame-graph panel beside the active editor for any input (a comparison's too). */
export function openPanel(tabTitle: string, input: ProfileInput): vscode.WebviewPanel {
  if (!registered) {
    throw new Error('openPanel called before registerProfileViews');
  }
  const { context, opener } = registered;
  const panel = vscode.window.createWebviewPanel(
    'goProfile.flameGraph',
    tabTitle,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false },
    { retainContextWhenHidden: true },
  );
  track(new ProfileSession(context, panel.webview, input, opener), panel);
  return panel;
}

async function pickProfile(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Open Go profile',
    canSelectMany: false,
    filters: { 'pprof profiles': ['pprof', 'gz', 'prof', 'out', 'pb'], 'All files': ['*'] },
  });
  return picked?.[0];
}

export function registerProfileViews(context: vscode.ExtensionContext): void {
  const opener = new SourceOpener(context.workspaceState);
  registered = { context, opener };
  registerCompare(context);
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(profileEditorViewType, new ProfileEditorProvider(context, opener), {
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: true,
    }),
    vscode.commands.registerCommand('goProfile.openProfile', async (uri?: vscode.Uri) => {
      const target = uri instanceof vscode.Uri ? uri : await pickProfile();
      if (target) {
        await vscode.commands.executeCommand('vscode.openWith', target, profileEditorViewType);
      }
    }),
    vscode.commands.registerCommand('goProfile.openInSpeedscope', async (uri?: vscode.Uri) => {
      const session = uri instanceof vscode.Uri ? undefined : activeSession();
      if (session) {
        await session.openInSpeedscope();
        return;
      }
      const target = uri instanceof vscode.Uri ? uri : await pickProfile();
      if (target) {
        await ProfileSession.openFileInSpeedscope(context, target, readProfileUri);
      }
    }),
    vscode.commands.registerCommand('goProfile.showProfile', (source: vscode.Uri | Uint8Array, title?: string) => showProfile(source, title)),
    vscode.workspace.onDidChangeWorkspaceFolders(() => opener.reset()),
    followCursor(),
  );
}
