/**
 * The profile views: a flame-graph panel and a custom editor for pprof files, registered by
 * `registerProfileViews(context)` from extension.ts. `openPanel` opens any profile input
 * (a comparison's too, see ./compare.ts) in a new flame-graph panel. Both open in the one
 * profile column of ../shared/profileColumn.ts.
 *
 * Commands: `goProfile.openProfile` (Go Profile: Open Profile…) and
 * `goProfile.openInSpeedscope` (Go Profile: Open in speedscope).
 */
import * as vscode from 'vscode';
import { ProfileSession, type ProfileInput } from './session';
import { activeSession, followCursor, track } from '../shared/profileViews';
import { SourceOpener } from './source';
import { profileEditorViewType, readProfileUri } from '../shared/profileUri';
import { ProfileEditorProvider } from './profileEditor';
import { FLAME_PANEL_VIEW_TYPE, openInProfileColumn, profileColumn, rememberProfileColumn } from '../shared/profileColumn';

let registered: { context: vscode.ExtensionContext; opener: SourceOpener } | undefined;

/** A new flame-graph panel in the profile column for any input (a comparison's too). */
export function openPanel(tabTitle: string, input: ProfileInput): vscode.WebviewPanel {
  if (!registered) {
    throw new Error('openPanel called before registerProfileViews');
  }
  const { context, opener } = registered;
  const panel = vscode.window.createWebviewPanel(
    FLAME_PANEL_VIEW_TYPE,
    tabTitle,
    { viewColumn: profileColumn(), preserveFocus: false },
    { retainContextWhenHidden: true },
  );
  rememberProfileColumn(panel.viewColumn);
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
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(profileEditorViewType, new ProfileEditorProvider(context, opener), {
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: true,
    }),
    // A profile handed over (a capture, the Profiles view, a test run) opens as a preview, which
    // the next one replaces unless kept, without taking the keyboard from the code; one picked
    // from the dialog stays open and gets the focus.
    vscode.commands.registerCommand('goProfile.openProfile', async (uri?: vscode.Uri) => {
      if (uri instanceof vscode.Uri) {
        await openInProfileColumn(uri, { preview: true, preserveFocus: true });
        return;
      }
      const picked = await pickProfile();
      if (picked) {
        await openInProfileColumn(picked, { preview: false, preserveFocus: false });
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
    vscode.workspace.onDidChangeWorkspaceFolders(() => opener.reset()),
    followCursor(),
  );
}
