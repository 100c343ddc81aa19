/** The "Profiles" view in Run and Debug: the profiles and traces of this workspace, newest first. */
import * as vscode from 'vscode';
import { entryRow } from '../shared/captureEntries';
import { CaptureStore, StoredEntry } from '../shared/captureStore';

export class CaptureTree implements vscode.TreeDataProvider<StoredEntry> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly store: CaptureStore) {
    this.onDidChangeTreeData = store.onDidChange;
  }

  getChildren(element?: StoredEntry): StoredEntry[] {
    return element ? [] : this.store.entries();
  }

  getTreeItem(e: StoredEntry): vscode.TreeItem {
    const row = entryRow(e);
    const item = new vscode.TreeItem(row.label);
    item.description = row.description;
    item.tooltip = new vscode.MarkdownString(row.tooltip);
    item.iconPath = new vscode.ThemeIcon(row.icon);
    item.resourceUri = vscode.Uri.file(e.path);
    item.contextValue = row.contextValue;
    // A trace opens in Go's trace viewer; its context menu also offers its waits as a profile.
    item.command = { command: 'goProfile.profiles.open', title: 'Open', arguments: [e] };
    return item;
  }
}
