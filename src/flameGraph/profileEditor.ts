/**
 * The custom editor for pprof files (*.pprof, *.pb.gz, *.prof, and the cpu.out/mem.out
 * that `go test -cpuprofile`/`-memprofile` write): opening one in VS Code shows its flame
 * graph. Read-only: a profile is never edited.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { filterFollower } from '../shared/filteredProfiles';
import { readProfileUri } from '../shared/profileUri';
import { ProfileDocument } from './profileDocument';
import { ProfileSession } from './session';
import { track } from '../shared/profileViews';
import type { SourceOpener } from './source';

export class ProfileEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly opener: SourceOpener,
  ) {}

  openCustomDocument(uri: vscode.Uri): ProfileDocument {
    return new ProfileDocument(uri, readProfileUri);
  }

  resolveCustomEditor(document: ProfileDocument, panel: vscode.WebviewPanel): void {
    const follower = filterFollower(document.uri);
    const session = new ProfileSession(
      this.context,
      panel.webview,
      { title: basename(document.uri.path), profile: () => document.profile(), onFilter: follower.onFilter },
      this.opener,
    );
    track(session, panel);
    panel.onDidDispose(follower.dispose);
  }
}
