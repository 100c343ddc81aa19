import * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Wiring of the debug type, views and commands is added by the modules that provide them.
}

export function deactivate(): void {
  // Nothing to release yet.
}
