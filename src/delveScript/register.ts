/**
 * VS Code side of Delve scripts: `initScript` paths relative to the workspace folder, and the
 * "Go: Run Delve Script" command, which sends the active .dlv editor's text to the current go-dlv
 * session (the adapter runs it; its output and problems go to the debug console).
 */
import * as vscode from 'vscode';
import { isAbsolute, join } from 'node:path';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { RUN_SCRIPT_REQUEST, RunScriptArgs, RunScriptResult } from '../debug/script/api';


export function registerDelveScripts(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.debug.registerDebugConfigurationProvider(DEBUG_TYPE, { resolveDebugConfigurationWithSubstitutedVariables: resolveInitScript }),
    vscode.commands.registerCommand('goDlv.runScript', runActiveScript),
  );
}

/** The adapter resolves relative paths against `cwd`; in VS Code they are the workspace folder's. */
export function resolveInitScript(folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): vscode.DebugConfiguration {
  const script: unknown = config.initScript;
  if (typeof script === 'string' && script !== '' && !isAbsolute(script) && folder?.uri.scheme === 'file') {
    return { ...config, initScript: join(folder.uri.fsPath, script) };
  }
  return config;
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
