// Wiring only: each feature folder registers its own commands, views and providers; the
// order keeps listeners in place before the state they follow is restored (annotations
// before the active profile).
import * as vscode from 'vscode';
import { registerAnnotations } from './annotations/register';
import { registerBuildErrors } from './buildErrors/register';
import { registerCapture } from './captures/register';
import { registerDebugType } from './debugType/register';
import { registerDelveScripts } from './delveScript/register';
import { registerGoSessions } from './goSessions/register';
import { registerCompare } from './flameGraph/compare';
import { registerProfileViews } from './flameGraph/panel';
import { registerActiveProfile } from './shared/activeProfile';
import { registerTestProfile } from './testProfile/register';
import { registerTraces } from './traces/register';
import { registerGoroutineLeaks } from './goroutineLeaks/register';
import { registerProfilepoints } from './profilepointSeries/register';

export function activate(context: vscode.ExtensionContext): void {
  registerProfileViews(context);
  registerCompare(context);
  registerDebugType(context);
  registerBuildErrors(context);
  registerCapture(context);
  registerGoSessions(context);
  registerDelveScripts(context);
  registerAnnotations(context);
  registerActiveProfile(context);
  registerTestProfile(context);
  registerTraces(context);
  registerGoroutineLeaks(context);
  registerProfilepoints(context);
}

export function deactivate(): void {
  // Nothing to release: every registration is in context.subscriptions.
}
