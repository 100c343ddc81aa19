/**
 * Editor annotations of the active profile (gutter heat, after-line cost, function lenses,
 * hovers), their commands and status bar entry: what extension.ts wires with
 * `registerAnnotations(context)`. The active profile they describe is src/shared/activeProfile.ts.
 *
 * Commands (ids are stable; the editor tests use them):
 * - goProfile.annotations.toggle            Go Profile: Toggle Profile Annotations
 * - goProfile.annotations.clear             Go Profile: Clear Profile Annotations
 * - goProfile.annotations.chooseSampleType  Go Profile: Choose Sample Type for Annotations…
 * - goProfile.annotations.focusFunction     (lens click) show a function in the flame graph
 */
import * as vscode from 'vscode';
import { clearActiveProfile, onDidChangeActiveProfile, activeProfile } from '../shared/activeProfile';
import { onDidChangeFilteredProfile } from '../shared/filteredProfiles';
import { activeSession } from '../shared/profileViews';
import { profileEditorViewType } from '../shared/profileUri';
import { profileColumn } from '../shared/profileColumn';
import { Decorations } from './decorations';
import { LineHover } from './hover';
import { FOCUS_COMMAND, FunctionLenses } from './lenses';
import { AnnotationState } from './state';
import { AnnotationStatus, TOGGLE_COMMAND } from './statusBar';

const GO = { language: 'go', scheme: 'file' };

export function registerAnnotations(context: vscode.ExtensionContext): void {
  const state = new AnnotationState(context.workspaceState);
  const lenses = new FunctionLenses(state);
  context.subscriptions.push(
    state,
    new Decorations(state),
    lenses,
    new AnnotationStatus(state),
    vscode.languages.registerCodeLensProvider(GO, lenses),
    vscode.languages.registerHoverProvider(GO, new LineHover(state)),
    onDidChangeActiveProfile((p) => void state.setProfile(p)),
    onDidChangeFilteredProfile((uri) => state.filterChanged(uri)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('goProfile.annotations')) state.refreshSettings();
    }),
    vscode.commands.registerCommand(TOGGLE_COMMAND, () => state.setEnabled(!state.enabled)),
    vscode.commands.registerCommand('goProfile.annotations.clear', clearActiveProfile),
    vscode.commands.registerCommand('goProfile.annotations.chooseSampleType', (type?: string) => chooseSampleType(state, type)),
    vscode.commands.registerCommand(FOCUS_COMMAND, focusFunction),
  );
  const current = activeProfile();
  if (current) void state.setProfile(current);
}

/** Quick pick of the profile's sample types; a name given (by a test or keybinding) picks directly. */
async function chooseSampleType(state: AnnotationState, type?: string): Promise<void> {
  const active = state.active;
  if (!active) {
    void vscode.window.showInformationMessage('No active profile: open or capture one, or run Go Profile: Choose Active Profile.');
    return;
  }
  const types = active.profile.sampleTypes;
  let chosen = typeof type === 'string' ? types.findIndex((t) => t.type === type) : -1;
  if (chosen < 0) {
    const picked = await vscode.window.showQuickPick(
      types.map((t, i) => ({ label: t.type, description: `${t.unit}${i === state.costIndex?.sampleType ? ' · shown' : ''}`, i })),
      { title: `Sample type to annotate with (${active.title})` },
    );
    if (!picked) return;
    chosen = picked.i;
  }
  state.setSampleType(chosen);
}

/**
 * Shows a function in the flame graph: makes the active profile's flame graph visible beside
 * the code (revealing its tab, or opening it in the profile column), then moves the cursor to the function, which
 * the profile views follow; the view is told directly too, since a fresh one may not be
 * listening yet.
 */
async function focusFunction(target: vscode.Uri | string, line: number, name: string): Promise<void> {
  // A hover's command link passes its arguments as JSON: the URI arrives as a string.
  const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target;
  const active = activeProfile();
  if (!active) return;
  const codeGroup = vscode.window.tabGroups.activeTabGroup;
  const tab = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputCustom && t.input.viewType === profileEditorViewType && t.input.uri.toString() === active.uri.toString());
  const column = tab && tab.group !== codeGroup ? tab.group.viewColumn : profileColumn();
  if (!tab || tab.group === codeGroup || !tab.isActive) {
    await vscode.commands.executeCommand('vscode.openWith', active.uri, profileEditorViewType, { viewColumn: column, preserveFocus: true });
  }
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: codeGroup.viewColumn, preserveFocus: false, selection: new vscode.Range(line, 0, line, 0) });
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  for (const delay of [0, 400, 1500]) {
    setTimeout(() => void activeSession()?.highlightAt(uri.fsPath, line + 1), delay);
  }
  void vscode.window.setStatusBarMessage(`Flame graph: ${name}`, 3000);
}
