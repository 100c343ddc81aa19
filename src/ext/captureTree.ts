/** The "Profiles" view in Run and Debug: the captures of this workspace, newest first. */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import { KIND_LABEL } from './captureKinds';
import { CaptureStore, StoredCapture } from './captureStore';

const ICON: Record<string, string> = {
  heap: 'database', allocs: 'database', allocsDelta: 'diff', cpu: 'flame', block: 'debug-pause', mutex: 'lock', goroutine: 'list-tree',
};

export class CaptureTree implements vscode.TreeDataProvider<StoredCapture> {
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly store: CaptureStore) {
    this.onDidChangeTreeData = store.onDidChange;
  }

  getChildren(element?: StoredCapture): StoredCapture[] {
    return element ? [] : this.store.all();
  }

  getTreeItem(c: StoredCapture): vscode.TreeItem {
    const item = new vscode.TreeItem(c.label ?? `${KIND_LABEL[c.kind]} at ${c.location}`);
    const when = new Date(c.time).toLocaleTimeString();
    item.description = c.label ? `${KIND_LABEL[c.kind]} · ${when}` : when;
    item.tooltip = new vscode.MarkdownString(`**${KIND_LABEL[c.kind]}** at \`${c.location}\`  \n${new Date(c.time).toLocaleString()} · ${c.session}  \n${basename(c.path)}`);
    item.iconPath = new vscode.ThemeIcon(ICON[c.kind] ?? 'graph');
    item.resourceUri = vscode.Uri.file(c.path);
    item.contextValue = 'goProfile.capture';
    item.command = { command: 'goProfile.profiles.open', title: 'Open Profile', arguments: [c] };
    return item;
  }
}
