import * as vscode from 'vscode';
import { registerProfileViews } from './flameGraph/panel';
import { registerDebugType } from './debugType/register';
import { registerCapture } from './captures/register';
import { registerDelveScripts } from './delveScript/register';
import { registerAnnotations } from './annotations/register';
import { registerTraces } from './traces/register';

export function activate(context: vscode.ExtensionContext): void {
  registerProfileViews(context);
  registerDebugType(context);
  registerCapture(context);
  registerDelveScripts(context);
  registerAnnotations(context);
  registerTraces(context);
  // Wiring of the debug type, views and commands is added by the modules that provide them.
}

export function deactivate(): void {
  // Nothing to release yet.
}
