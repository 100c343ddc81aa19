/**
 * Keeps the `goDlv.dlvInstalled` context key true while Delve is installed, so the
 * walkthrough's "Install Delve" step is ticked for someone who already has it. Looked for at
 * activation (the walkthrough activates the extension), when goDlv.dlvPath changes, and,
 * until found, whenever an install may just have finished: a task or terminal ended, the
 * window got focus back, a go-dlv session started.
 */
import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { DLV_INSTALLED_CONTEXT, dlvInstalled } from './dlvPresence';

export function watchDlvInstalled(): vscode.Disposable {
  let found = false;
  const check = async (): Promise<void> => {
    const dlvPath = vscode.workspace.getConfiguration('goDlv').get<string>('dlvPath') || undefined;
    found = await dlvInstalled(dlvPath, process.env);
    await vscode.commands.executeCommand('setContext', DLV_INSTALLED_CONTEXT, found);
  };
  const untilFound = (): void => {
    if (!found) void check();
  };
  void check();
  return vscode.Disposable.from(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('goDlv.dlvPath')) void check();
    }),
    vscode.tasks.onDidEndTaskProcess(untilFound),
    vscode.window.onDidCloseTerminal(untilFound),
    vscode.window.onDidChangeWindowState((s) => {
      if (s.focused) untilFound();
    }),
    vscode.debug.onDidStartDebugSession((s) => {
      if (s.type === DEBUG_TYPE) untilFound();
    }),
  );
}
