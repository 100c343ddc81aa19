/**
 * Leaked goroutines in VS Code: the view and gutter marks for the latest leak check, fed by
 * `goProfile.captured` events of kind goroutineleak (a capture at a stop, a profilepoint) and
 * by a test's leak check.
 */
import * as vscode from 'vscode';
import { CAPTURED_EVENT, CapturedEvent, LeakFrame } from '../capture/api';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { isFile, mappingRoots } from '../shared/sourceRoots';
import { resolveRecordedPath } from '../shared/sourcePaths';
import { LeakMarks } from './leakMarks';
import { LeakTree, OPEN_FRAME_COMMAND, ShowLeaks } from './leakTree';
import { CHECK_LEAKS_COMMAND, checkLeaksCommand, LeakCheckLenses } from './testLens';

export const LEAKS_VIEW = 'goProfile.leaks';

/** Shows a leak report in the view and the gutter; what the test check calls too. */

export function registerGoroutineLeaks(context: vscode.ExtensionContext): ShowLeaks {
  let channel: vscode.OutputChannel | undefined;
  // The tests' output, for a check whose test fails or does not build.
  const output = (): vscode.OutputChannel => (channel ??= vscode.window.createOutputChannel('Go Profile: Leak Checks'));
  context.subscriptions.push({ dispose: () => channel?.dispose() });
  const tree = new LeakTree();
  const marks = new LeakMarks(context.extensionUri);
  const show: ShowLeaks = async (report) => {
    tree.show(report);
    marks.show(report.groups);
    await vscode.commands.executeCommand(`${LEAKS_VIEW}.focus`);
  };
  context.subscriptions.push(
    tree,
    marks,
    vscode.window.createTreeView(LEAKS_VIEW, { treeDataProvider: tree }),
    vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => marks.decorate(e))),
    vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
      const body = e.body as CapturedEvent;
      if (e.session.type === DEBUG_TYPE && e.event === CAPTURED_EVENT && body.kind === 'goroutineleak' && body.leaks) {
        void show({ where: body.location, groups: body.leaks, path: body.path });
      }
    }),
    vscode.commands.registerCommand(OPEN_FRAME_COMMAND, (frame: LeakFrame) => openFrame(frame)),
    vscode.languages.registerCodeLensProvider({ language: 'go', scheme: 'file', pattern: '**/*_test.go' }, new LeakCheckLenses()),
    vscode.commands.registerCommand(CHECK_LEAKS_COMMAND, (uri?: vscode.Uri, name?: string) => checkLeaksCommand(show, output(), uri, name)),
  );
  return show;
}

/** Opens the line of a frame; the path is the one the binary recorded, mapped as profiles are. */
async function openFrame(frame: LeakFrame): Promise<void> {
  const local = (await resolveRecordedPath(frame.file, await mappingRoots(), isFile)) ?? frame.file;
  if (!(await isFile(local))) {
    void vscode.window.showWarningMessage(`${frame.file} is not in this workspace.`);
    return;
  }
  const line = Math.max(0, frame.line - 1);
  await vscode.window.showTextDocument(vscode.Uri.file(local), { selection: new vscode.Range(line, 0, line, 0), preview: true });
}
