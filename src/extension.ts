import * as vscode from 'vscode';
import { registerProfileViews } from './views/panel';
import { registerDebugType } from './ext/debugType';
import { registerCapture } from './ext/capture';
import { registerDelveScripts } from './ext/delveScript';
import { registerAnnotations } from './views/annotations/register';
import { registerTraces } from './ext/trace';
import { registerLedHere } from './traces/ledHere';

export function activate(context: vscode.ExtensionContext): void {
  registerProfileViews(context);
  registerDebugType(context);
  registerCapture(context);
  registerDelveScripts(context);
  registerAnnotations(context);
  registerTraces(context);
  registerLedHere(context);
  // Wiring of the debug type, views and commands is added by the modules that provide them.
}

export function deactivate(): void {
  // Nothing to release yet.
}
