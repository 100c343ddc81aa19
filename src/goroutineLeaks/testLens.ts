/**
 * "Check leaks" lenses above each test function of a _test.go file (beside "Profile test"),
 * and the command they run: the test, then the leak check, with progress and cancel; the
 * result goes to the Leaked Goroutines view, or a message says the test leaked nothing.
 */
import * as vscode from 'vscode';
import { checkTestLeaks } from './testCheck';
import { testFunctions } from './testFunctions';
import type { ShowLeaks } from './leakTree';

export const CHECK_LEAKS_COMMAND = 'goProfile.checkTestLeaks';

export class LeakCheckLenses implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!document.fileName.endsWith('_test.go')) return [];
    return testFunctions(document.getText()).map(
      (fn) =>
        new vscode.CodeLens(new vscode.Range(fn.line, 0, fn.line, 0), {
          title: '$(debug-pause) Check leaks',
          tooltip: `Run ${fn.name} and then look for goroutines it leaked (Go 1.26+ goroutine leak detection)`,
          command: CHECK_LEAKS_COMMAND,
          arguments: [document.uri, fn.name],
        }),
    );
  }
}

export async function checkLeaksCommand(show: ShowLeaks, output: vscode.OutputChannel, uri?: vscode.Uri, name?: string): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const file = uri instanceof vscode.Uri ? uri : editor?.document.uri;
  if (!file?.fsPath.endsWith('_test.go')) {
    void vscode.window.showInformationMessage('Check leaks: open a Go _test.go file and put the cursor in a test.');
    return;
  }
  const document = await vscode.workspace.openTextDocument(file);
  const tests = testFunctions(document.getText());
  const test = name ?? tests.filter((t) => editor?.document === document && t.line <= editor.selection.active.line).pop()?.name;
  if (!test) {
    void vscode.window.showWarningMessage('Check leaks: put the cursor in a test function.');
    return;
  }
  if (document.isDirty) await document.save();
  output.appendLine(`--- Check leaks: ${test} (${vscode.workspace.asRelativePath(file)})`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Checking ${test} for leaked goroutines…`, cancellable: true },
    (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return checkTestLeaks({ file: file.fsPath, test, signal: abort.signal, onOutput: (t) => output.append(t) });
    },
  );
  if (result.outcome === 'failed') {
    void vscode.window.showErrorMessage(result.message);
    return;
  }
  const total = result.groups.reduce((n, g) => n + g.count, 0);
  await show({ where: `test ${test}`, groups: result.groups });
  const failed = result.testFailed ? ' (the test itself failed: see "Go Profile: Leak Checks")' : '';
  if (total === 0) {
    void vscode.window.showInformationMessage(`${test}: no leaked goroutines found${failed}.`);
  } else {
    void vscode.window.showWarningMessage(`${test} leaked ${total} goroutine${total === 1 ? '' : 's'}${failed}.`);
  }
}
