/**
 * The live profile views, so that editor-wide events reach them: the text cursor moving
 * into a function highlights its frames in every open profile, and "Open in speedscope"
 * acts on the profile view the user looked at last.
 */
import * as vscode from 'vscode';

/**
 * What the registry needs of a live profile view (the flame graph's ProfileSession): an
 * interface here so that features reach the views without importing the flame graph.
 */
export interface ProfileView {
  highlightAt(file: string, line: number): Promise<void>;
  openInSpeedscope(): Promise<void>;
  dispose(): void;
}

const sessions = new Set<ProfileView>();
let active: ProfileView | undefined;

export function track(session: ProfileView, panel: vscode.WebviewPanel): void {
  sessions.add(session);
  active = session;
  panel.onDidChangeViewState((e) => {
    if (e.webviewPanel.active) {
      active = session;
    }
  });
  panel.onDidDispose(() => {
    sessions.delete(session);
    if (active === session) {
      active = undefined;
    }
    session.dispose();
  });
}

export function activeSession(): ProfileView | undefined {
  return active;
}

const cursorDelayMs = 120;

/** Follows the text cursor in Go files; returns the listener's disposable. */
export function followCursor(): vscode.Disposable {
  let timer: NodeJS.Timeout | undefined;
  const listener = vscode.window.onDidChangeTextEditorSelection((e) => {
    const doc = e.textEditor.document;
    if (sessions.size === 0 || doc.uri.scheme !== 'file' || doc.languageId !== 'go') {
      return;
    }
    clearTimeout(timer);
    const line = e.selections[0].active.line + 1;
    timer = setTimeout(() => {
      for (const s of sessions) {
        void s.highlightAt(doc.uri.fsPath, line);
      }
    }, cursorDelayMs);
  });
  return { dispose: () => (clearTimeout(timer), listener.dispose()) };
}
