/** "Profile test" / "Profile benchmark" lenses above each test and benchmark function of a _test.go file. */
import * as vscode from 'vscode';
import { findTestFunctions } from './args';

export const PROFILE_TEST_COMMAND = 'goProfile.profileTest';

export class TestProfileLenses implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!document.fileName.endsWith('_test.go')) return [];
    return findTestFunctions(document.getText()).map(
      (fn) =>
        new vscode.CodeLens(new vscode.Range(fn.line, 0, fn.line, 0), {
          title: fn.kind === 'test' ? '$(flame) Profile test' : '$(flame) Profile benchmark',
          tooltip: `Run ${fn.name} alone with a CPU, memory, block or mutex profile`,
          command: PROFILE_TEST_COMMAND,
          arguments: [document.uri, fn.name],
        }),
    );
  }
}
