/**
 * The "Leaked Goroutines" view: the latest leak check (a capture at a stop or a test's
 * check), each leak group with its count, the line it is blocked on and the `go` statement
 * that created it. A click on a line opens it.
 */
import * as vscode from 'vscode';
import { basename } from 'node:path';
import type { LeakFrame, LeakGroup } from '../capture/api';

/** One leak check: where it ran and what it found. */
/** Shows a leak report in the view (the view's owner, register.ts, makes it; the test lens calls it). */
export type ShowLeaks = (report: LeakReport) => Promise<void>;

export interface LeakReport {
  /** e.g. `main.main:42` or `test TestServe`. */
  where: string;
  groups: LeakGroup[];
  /** The goroutineleak profile, when there is one. */
  path?: string;
}

type Node =
  | { kind: 'report'; report: LeakReport }
  | { kind: 'group'; group: LeakGroup }
  | { kind: 'frame'; role: 'blocked' | 'created'; frame: LeakFrame }
  | { kind: 'note'; text: string };

export const OPEN_FRAME_COMMAND = 'goProfile.leaks.openFrame';

export class LeakTree implements vscode.TreeDataProvider<Node> {
  private report?: LeakReport;
  private readonly changed = new vscode.EventEmitter<undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  show(report: LeakReport): void {
    this.report = report;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      return this.report ? [{ kind: 'report', report: this.report }] : [];
    }
    if (node.kind === 'report') {
      return node.report.groups.length
        ? node.report.groups.map((group) => ({ kind: 'group', group }))
        : [{ kind: 'note', text: 'None found. The detection is conservative: it reports goroutines blocked on something no runnable goroutine can reach, and misses some leaks.' }];
    }
    if (node.kind === 'group') {
      const { blockedAt, createdAt } = node.group;
      return [
        ...(blockedAt ? [{ kind: 'frame', role: 'blocked', frame: blockedAt } as const] : []),
        ...(createdAt ? [{ kind: 'frame', role: 'created', frame: createdAt } as const] : []),
      ];
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'report': {
        const total = node.report.groups.reduce((n, g) => n + g.count, 0);
        const item = new vscode.TreeItem(total ? `${goroutines(total)} leaked` : 'No leaked goroutines', vscode.TreeItemCollapsibleState.Expanded);
        item.description = node.report.where;
        item.iconPath = new vscode.ThemeIcon(total ? 'warning' : 'pass');
        return item;
      }
      case 'group': {
        const { group } = node;
        const at = group.blockedAt;
        const item = new vscode.TreeItem(`${goroutines(group.count)} · ${group.waitReason}`, vscode.TreeItemCollapsibleState.Expanded);
        item.description = at ? `${at.func} ${basename(at.file)}:${at.line}` : undefined;
        item.tooltip = group.stack.map((f) => `${f.func}\n    ${f.file}:${f.line}`).join('\n');
        item.iconPath = new vscode.ThemeIcon('debug-pause');
        return item;
      }
      case 'frame': {
        const { frame, role } = node;
        const item = new vscode.TreeItem(`${role === 'blocked' ? 'blocked at' : 'created by go statement in'} ${frame.func}`);
        item.description = `${basename(frame.file)}:${frame.line}`;
        item.tooltip = `${frame.file}:${frame.line}`;
        item.iconPath = new vscode.ThemeIcon(role === 'blocked' ? 'circle-slash' : 'symbol-event');
        item.command = { command: OPEN_FRAME_COMMAND, title: 'Open', arguments: [frame] };
        return item;
      }
      case 'note': {
        const item = new vscode.TreeItem(node.text);
        item.tooltip = node.text;
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** "1 goroutine", "5 goroutines". */
export function goroutines(n: number): string {
  return `${n} goroutine${n === 1 ? '' : 's'}`;
}
