/**
 * Where profile views open: in one profile column beside the code, reused by every capture,
 * comparison and opened profile, never a new column each time (which left three narrow
 * columns and a 180 px flame graph after one comparison). Captures open there as preview
 * editors, so a new one replaces the last one nobody kept, as VS Code's preview editors do.
 * Source lines opened from a profile go to the code's column, not beside the profile.
 */
import * as vscode from 'vscode';
import { profileEditorViewType } from './profileUri';

/** The flame-graph panel's view type (comparisons); VS Code reports it with a prefix. */
export const FLAME_PANEL_VIEW_TYPE = 'goProfile.flameGraph';

let remembered: vscode.TabGroup | undefined;

export function isProfileTab(tab: vscode.Tab): boolean {
  const input = tab.input;
  if (input instanceof vscode.TabInputCustom) return input.viewType === profileEditorViewType;
  if (input instanceof vscode.TabInputWebview) return input.viewType === FLAME_PANEL_VIEW_TYPE || input.viewType.endsWith(`-${FLAME_PANEL_VIEW_TYPE}`);
  return false;
}

/** A group that shows code: its front tab is a text editor. */
function showsCode(group: vscode.TabGroup): boolean {
  return group.activeTab?.input instanceof vscode.TabInputText;
}

/**
 * The profile column. Looking at profiles (the active group shows one): that group. Looking at
 * code: another group, never over that code: the one profiles last opened in, else one holding
 * profiles, else one not showing code, else any other; with a single group, a new one beside.
 */
export function profileColumn(): vscode.ViewColumn {
  const active = vscode.window.tabGroups.activeTabGroup;
  const holdsProfiles = (g: vscode.TabGroup): boolean => g.tabs.some(isProfileTab);
  if (!showsCode(active) && holdsProfiles(active)) return active.viewColumn;
  const others = vscode.window.tabGroups.all.filter((g) => g !== active);
  const last = remembered && others.includes(remembered) && holdsProfiles(remembered) ? remembered : undefined;
  const chosen = last ?? others.find(holdsProfiles) ?? others.find((g) => !showsCode(g)) ?? others[0];
  return chosen?.viewColumn ?? vscode.ViewColumn.Beside;
}

/** Remembers the column a profile view just opened in (a comparison's panel reports its own). */
export function rememberProfileColumn(column: vscode.ViewColumn | undefined): void {
  remembered = vscode.window.tabGroups.all.find((g) => g.viewColumn === column) ?? remembered;
}

/**
 * Opens a profile file in the profile column and brings it to the front; a profile already
 * open somewhere is brought to the front where it is. `preview`: a capture replaces the
 * previous unkept one; a profile the user chose to open stays.
 */
export async function openInProfileColumn(uri: vscode.Uri, options: { preview: boolean; preserveFocus: boolean }): Promise<void> {
  const open = vscode.window.tabGroups.all.find((g) => g.tabs.some((t) => isProfileTab(t) && sameUri(t, uri)));
  await vscode.commands.executeCommand('vscode.openWith', uri, profileEditorViewType, { viewColumn: open?.viewColumn ?? profileColumn(), ...options });
  remembered = groupShowing(uri) ?? remembered;
}

function sameUri(tab: vscode.Tab, uri: vscode.Uri): boolean {
  return tab.input instanceof vscode.TabInputCustom && tab.input.uri.toString() === uri.toString();
}

function groupShowing(uri: vscode.Uri): vscode.TabGroup | undefined {
  return vscode.window.tabGroups.all.find((g) => g.activeTab !== undefined && sameUri(g.activeTab, uri));
}

/**
 * The column for source opened from a profile: a group showing code other than the active
 * one (the profile's), else any other group, else beside.
 */
export function codeColumn(): vscode.ViewColumn {
  const others = vscode.window.tabGroups.all.filter((g) => !g.isActive);
  return (others.find(showsCode) ?? others.find((g) => !g.tabs.some(isProfileTab)) ?? others[0])?.viewColumn ?? vscode.ViewColumn.Beside;
}
