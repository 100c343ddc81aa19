/**
 * The "Profilepoint Series" view: one row per profilepoint with its growth per hit, its
 * captures below it in hit order. A click opens a capture; two selected compare; the chart
 * button draws the series.
 */
import * as vscode from 'vscode';
import { formatValue } from '../profile';
import type { Series, SeriesCapture, SeriesStore } from './series';
import { growthText, summarize } from './seriesChart';

export type SeriesNode = { kind: 'series'; series: Series } | { kind: 'capture'; series: Series; capture: SeriesCapture };

export class SeriesTree implements vscode.TreeDataProvider<SeriesNode> {
  readonly onDidChangeTreeData: vscode.Event<undefined>;

  constructor(private readonly store: SeriesStore) {
    this.onDidChangeTreeData = (listener, thisArg, disposables) => store.onDidChange(() => listener.call(thisArg, undefined), undefined, disposables);
  }

  getChildren(node?: SeriesNode): SeriesNode[] {
    if (!node) {
      return this.store.list().map((series) => ({ kind: 'series', series }));
    }
    return node.kind === 'series' ? node.series.captures.map((capture) => ({ kind: 'capture', series: node.series, capture })) : [];
  }

  getTreeItem(node: SeriesNode): vscode.TreeItem {
    if (node.kind === 'series') {
      const summary = summarize(node.series);
      const item = new vscode.TreeItem(node.series.id, vscode.TreeItemCollapsibleState.Collapsed);
      item.description = `${node.series.captures.length} captures${summary ? ` · ${growthText(summary)}` : ''}`;
      item.contextValue = 'goProfile.series';
      item.iconPath = new vscode.ThemeIcon('graph-line');
      return item;
    }
    const { capture } = node;
    const total = capture.total;
    const unit = total && (total.type === 'goroutine' || total.type === 'goroutineleak') ? 'goroutines' : total?.unit ?? '';
    const item = new vscode.TreeItem(`hit ${capture.hit}`);
    item.description = `${total ? `${formatValue(total.value, unit)} ${total.type}` : capture.kind} · ${capture.location}`;
    item.tooltip = capture.path;
    item.contextValue = 'goProfile.seriesCapture';
    item.command = { command: 'goProfile.openProfile', title: 'Open Profile', arguments: [vscode.Uri.file(capture.path)] };
    return item;
  }
}
