/**
 * VS Code side of Delve scripts: the "Go: Run Delve Script" command, which sends the active
 * .dlv editor's text to the current go-dlv session (the adapter runs it; its output and
 * problems go to the debug console). A relative `initScript` is resolved with the rest of the
 * configuration, in src/debugType/configurationSteps.ts.
 */
import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { RUN_SCRIPT_REQUEST, RunScriptArgs, RunScriptResult } from '../debug/script/api';

export function registerDelveScripts(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('goDlv.runScript', runActiveScript),
  );
}

async function runActiveScript(uri?: vscode.Uri): Promise<void> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'delve') {
    void vscode.window.showErrorMessage('Run Delve Script: open a Delve script (a .dlv file) first.');
    return;
  }
  const session = vscode.debug.activeDebugSession;
  if (session?.type !== DEBUG_TYPE) {
    void vscode.window.showErrorMessage('Run Delve Script: start a go-dlv debug session first; the script runs in it.');
    return;
  }
  const args: RunScriptArgs = { text: document.getText(), path: document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.toString() };
  try {
    const result = (await session.customRequest(RUN_SCRIPT_REQUEST, args)) as RunScriptResult;
    if (result.problems > 0) {
      void vscode.window.showWarningMessage(`The Delve script ran with ${result.problems} problem${result.problems === 1 ? '' : 's'}: see the Debug Console.`);
    }
  } catch (err) {
    void vscode.window.showErrorMessage(`Run Delve Script: ${err instanceof Error ? err.message : String(err)}`);
  }
}
