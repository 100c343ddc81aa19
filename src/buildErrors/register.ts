import * as vscode from 'vscode';
import { BUILD_ERRORS_EVENT, type BuildErrorsBody } from '../debug/compileErrors';
import { DEBUG_TYPE } from '../debug/debugTypeName';

/**
 * Compile errors of a go-dlv launch: every one in the Problems view at its line, the first
 * in a notification. The adapter sends them when the build fails and an empty list when a
 * later launch builds, which clears them.
 */
export function registerBuildErrors(context: vscode.ExtensionContext): void {
  const problems = vscode.languages.createDiagnosticCollection('go-dlv build');
  context.subscriptions.push(
    problems,
    vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
      if (e.session.type === DEBUG_TYPE && e.event === BUILD_ERRORS_EVENT) {
        show(problems, e.body as BuildErrorsBody);
      }
    }),
  );
}

function show(problems: vscode.DiagnosticCollection, { errors, summary }: BuildErrorsBody): void {
  problems.clear();
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const error of errors) {
    // An empty range at the column: VS Code underlines the word that starts there.
    const at = new vscode.Position(Math.max(0, error.line - 1), Math.max(0, (error.column ?? 1) - 1));
    const diagnostic = new vscode.Diagnostic(new vscode.Range(at, at), error.message, vscode.DiagnosticSeverity.Error);
    diagnostic.source = 'go build';
    byFile.set(error.file, [...(byFile.get(error.file) ?? []), diagnostic]);
  }
  byFile.forEach((diagnostics, file) => problems.set(vscode.Uri.file(file), diagnostics));
  const [first] = errors;
  if (!first) {
    // A failure go did not place in a file (e.g. "go: cannot find main module"): its one line.
    if (summary) {
      void vscode.window.showErrorMessage(summary);
    }
    return;
  }
  const where = `${vscode.workspace.asRelativePath(first.file)}:${first.line}${first.column ? `:${first.column}` : ''}`;
  const more = errors.length > 1 ? ` (${errors.length - 1} more in the Problems view)` : '';
  void vscode.window.showErrorMessage(`Build failed: ${where}: ${first.message.replace(/\n/g, ' ')}${more}`, 'Show Problems').then((choice) => {
    if (choice) {
      void vscode.commands.executeCommand('workbench.actions.view.problems');
    }
  });
}
