/**
 * Profilepoints in VS Code: commands that make a breakpoint line capture and continue, the
 * launch attribute that gives a session the profilepoints from its start, and the
 * "Profilepoint Series" view with a chart per series. The adapter does the capturing.
 */
import * as vscode from 'vscode';
import { CAPTURED_EVENT, CapturedEvent, ProfilepointKind } from '../capture/api';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { provideProfilepoints } from '../shared/profilepointSource';
import { ChartPanels } from './chartPanel';
import { Profilepoints } from './points';
import { SeriesStore } from './series';
import { SeriesNode, SeriesTree } from './seriesTree';

const KINDS: { point: ProfilepointKind; label: string; detail: string }[] = [
  { point: 'heap', label: 'Heap', detail: 'In-use memory at each hit (after a GC)' },
  { point: 'allocsDelta', label: 'Allocations since last hit', detail: 'What was allocated between two hits' },
  { point: 'goroutine', label: 'Goroutines', detail: 'Every goroutine at each hit' },
  { point: 'goroutineleak', label: 'Leaked goroutines', detail: 'Leak detection at each hit (needs "detectGoroutineLeaks")' },
  { point: 'cpuStart', label: 'CPU: start here', detail: 'CPU profile from here to the next stop or CPU stop profilepoint' },
  { point: 'cpuStop', label: 'CPU: stop here', detail: 'Ends the CPU profile a CPU start profilepoint began' },
];

export function registerProfilepoints(context: vscode.ExtensionContext): void {
  const points = new Profilepoints(context.workspaceState);
  const store = new SeriesStore(context.workspaceState);
  const charts = new ChartPanels();
  context.subscriptions.push(
    points,
    store,
    charts,
    vscode.window.createTreeView('goProfile.series', { treeDataProvider: new SeriesTree(store), canSelectMany: true }),
    { dispose: provideProfilepoints(() => points.points()) },
    vscode.debug.onDidReceiveDebugSessionCustomEvent(async (e) => {
      const body = e.body as CapturedEvent;
      if (e.session.type === DEBUG_TYPE && e.event === CAPTURED_EVENT && body.profilepoint) {
        await store.add(body);
        const series = store.get(body.profilepoint.id);
        if (series) {
          charts.update(series);
        }
      }
    }),
    vscode.commands.registerCommand('goProfile.addProfilepoint', (arg?: { uri?: vscode.Uri; lineNumber?: number }) => addProfilepoint(points, arg)),
    vscode.commands.registerCommand('goProfile.removeProfilepoint', (arg?: { uri?: vscode.Uri; lineNumber?: number }) => removeProfilepoint(points, arg)),
    vscode.commands.registerCommand('goProfile.series.chart', (node?: SeriesNode) => {
      const series = node?.series ?? store.list()[0];
      if (series) {
        charts.show(series);
      }
    }),
    vscode.commands.registerCommand('goProfile.series.compare', (node?: SeriesNode, selected?: SeriesNode[]) => compareSelected(node, selected)),
    vscode.commands.registerCommand('goProfile.series.remove', (node?: SeriesNode) => (node ? store.remove(node.series.id) : undefined)),
  );
}

/** The line the command is for: the gutter's (editor/lineNumber/context), else the cursor's. */
function target(arg?: { uri?: vscode.Uri; lineNumber?: number }): { uri: vscode.Uri; line: number } | undefined {
  if (arg?.uri && typeof arg.lineNumber === 'number') {
    return { uri: arg.uri, line: arg.lineNumber };
  }
  const editor = vscode.window.activeTextEditor;
  return editor ? { uri: editor.document.uri, line: editor.selection.active.line + 1 } : undefined;
}

async function addProfilepoint(points: Profilepoints, arg?: { uri?: vscode.Uri; lineNumber?: number }): Promise<void> {
  const at = target(arg);
  if (!at) {
    void vscode.window.showWarningMessage('Open a Go file and put the cursor on the line to profile.');
    return;
  }
  const pick = await vscode.window.showQuickPick(KINDS.map((k) => ({ ...k, description: k.point === points.kindAt(at.uri.fsPath, at.line) ? '(current)' : undefined })), {
    title: `Profilepoint at line ${at.line}: capture at each hit, then continue`,
  });
  if (!pick) {
    return;
  }
  // Every Nth hit, or only where a condition holds: the breakpoint's own Edit Condition / Hit Count.
  await points.add(at.uri, at.line, pick.point);
  vscode.window.setStatusBarMessage(`$(graph-line) ${pick.label} profilepoint at line ${at.line}: edit the breakpoint's hit count or condition to capture less often`, 8000);
}

async function removeProfilepoint(points: Profilepoints, arg?: { uri?: vscode.Uri; lineNumber?: number }): Promise<void> {
  const at = target(arg);
  if (at) {
    await points.remove(at.uri.fsPath, at.line);
  }
}

async function compareSelected(node?: SeriesNode, selected?: SeriesNode[]): Promise<void> {
  const captures = (selected?.length ? selected : node ? [node] : []).flatMap((n) => (n.kind === 'capture' ? [n.capture] : []));
  if (captures.length !== 2) {
    void vscode.window.showInformationMessage('Select two captures of a series (Ctrl/Cmd+click) to compare them.');
    return;
  }
  const [base, target] = [...captures].sort((a, b) => a.hit - b.hit || a.time - b.time);
  await vscode.commands.executeCommand('goProfile.compareProfiles', vscode.Uri.file(base.path), vscode.Uri.file(target.path));
}
