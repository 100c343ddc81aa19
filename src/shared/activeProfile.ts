/**
 * "The active profile": the one the editor annotations describe. It follows the user: the
 * last profile opened in the flame-graph editor (which is also where captures open), a
 * profile a test run produced, or one picked from the recent list. Other features set it
 * with `setActiveProfile(uri)` or the command `goProfile.setActiveProfile` (a file URI).
 *
 * It is kept in workspace state and comes back after a window reload, once a Go editor shows
 * (the profile is read then, not during activation), if its file is still there.
 *
 * Commands: `goProfile.pickActiveProfile` (Go Profile: Choose Active Profile…).
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { decodeProfileBytes } from '../capture/profileBytes';
import type { Profile } from '../profile';
import { profileEditorViewType, readProfileUri } from './profileUri';
import { shownNames } from './profileNames';

export interface ActiveProfile {
  readonly uri: vscode.Uri;
  readonly title: string;
  readonly profile: Profile;
}

const RECENT_KEY = 'goProfile.recentProfiles';
const RECENT_LIMIT = 10;
const ACTIVE_KEY = 'goProfile.activeProfile';

interface SavedActive {
  readonly uri: string;
  readonly title: string;
}

const changed = new vscode.EventEmitter<ActiveProfile | undefined>();
/** Fires after the active profile changed (undefined: cleared). */
export const onDidChangeActiveProfile = changed.event;

let current: ActiveProfile | undefined;
let state: vscode.Memento | undefined;
/** The latest request wins when loads overlap. */
let generation = 0;

export function activeProfile(): ActiveProfile | undefined {
  return current;
}

/**
 * Loads and activates a profile file. A bad file leaves the state as it was and is reported,
 * unless `quiet` (a flame-graph editor that follows already shows the error).
 */
export async function setActiveProfile(uri: vscode.Uri, title = basename(uri.path), quiet = false): Promise<ActiveProfile | undefined> {
  if (current && current.uri.toString() === uri.toString()) return current;
  const mine = ++generation;
  let profile: Profile;
  try {
    profile = shownNames(decodeProfileBytes(await readProfileUri(uri)));
  } catch (e) {
    if (!quiet) void vscode.window.showErrorMessage(`Cannot use ${title} for annotations: ${e instanceof Error ? e.message : String(e)}`);
    return undefined;
  }
  if (mine !== generation) return current;
  current = { uri, title, profile };
  await remember(uri);
  const saved: SavedActive = { uri: uri.toString(), title };
  await state?.update(ACTIVE_KEY, saved);
  changed.fire(current);
  return current;
}

export function clearActiveProfile(): void {
  generation++;
  void state?.update(ACTIVE_KEY, undefined);
  if (!current) return;
  current = undefined;
  changed.fire(undefined);
}

async function remember(uri: vscode.Uri): Promise<void> {
  if (!state) return;
  const list = state.get<string[]>(RECENT_KEY, []).filter((u) => u !== uri.toString());
  await state.update(RECENT_KEY, [uri.toString(), ...list].slice(0, RECENT_LIMIT));
}

async function pickActiveProfile(): Promise<void> {
  const recent = (state?.get<string[]>(RECENT_KEY, []) ?? []).map((u) => vscode.Uri.parse(u));
  const browse = { label: '$(folder-opened) Open a profile file…', uri: undefined as vscode.Uri | undefined };
  const items = [
    ...recent.map((uri) => ({
      label: basename(uri.path),
      description: current?.uri.toString() === uri.toString() ? 'active' : undefined,
      detail: uri.fsPath,
      uri: uri as vscode.Uri | undefined,
    })),
    browse,
  ];
  const picked = await vscode.window.showQuickPick(items, { title: 'Profile to annotate the editor with' });
  if (!picked) return;
  let uri = picked.uri;
  if (!uri) {
    const chosen = await vscode.window.showOpenDialog({
      title: 'Profile to annotate the editor with',
      canSelectMany: false,
      filters: { 'pprof profiles': ['pprof', 'gz', 'prof', 'out', 'pb'], 'All files': ['*'] },
    });
    uri = chosen?.[0];
  }
  if (uri) await setActiveProfile(uri);
}

/** The profile file shown by a flame-graph editor tab, if that tab is one. */
function profileOfTab(tab: vscode.Tab | undefined): vscode.Uri | undefined {
  const input = tab?.input;
  return input instanceof vscode.TabInputCustom && input.viewType === profileEditorViewType ? input.uri : undefined;
}

export function registerActiveProfile(context: vscode.ExtensionContext): void {
  state = context.workspaceState;
  const follow = (tab: vscode.Tab | undefined): void => {
    const uri = profileOfTab(tab);
    if (uri) void setActiveProfile(uri, basename(uri.path), true);
  };
  context.subscriptions.push(
    changed,
    vscode.window.tabGroups.onDidChangeTabs((e) => [...e.opened, ...e.changed].filter((t) => t.isActive).forEach(follow)),
    vscode.window.tabGroups.onDidChangeTabGroups(() => follow(vscode.window.tabGroups.activeTabGroup.activeTab)),
    vscode.commands.registerCommand('goProfile.pickActiveProfile', pickActiveProfile),
    vscode.commands.registerCommand('goProfile.setActiveProfile', (uri?: vscode.Uri | string) =>
      uri ? setActiveProfile(typeof uri === 'string' ? vscode.Uri.file(uri) : uri).then(() => undefined) : pickActiveProfile(),
    ),
  );
  // Before following the active tab: a flame graph shown at startup wins over the saved profile.
  restoreWhenGoShows(context);
  follow(vscode.window.tabGroups.activeTabGroup.activeTab);
}

/**
 * Brings back the active profile of the last session once a Go editor is visible, unless
 * another became active meanwhile. Never during activation: reading and decoding a large
 * profile would hold it up.
 */
function restoreWhenGoShows(context: vscode.ExtensionContext): void {
  const saved = state?.get<SavedActive>(ACTIVE_KEY);
  if (!saved || typeof saved.uri !== 'string' || current) return;
  const since = generation;
  const goShows = (): boolean => vscode.window.visibleTextEditors.some((e) => e.document.languageId === 'go');
  const restore = async (): Promise<void> => {
    const uri = vscode.Uri.parse(saved.uri);
    const exists = await vscode.workspace.fs.stat(uri).then(
      () => true,
      () => false,
    );
    if (generation !== since || current) return;
    if (!exists) {
      await state?.update(ACTIVE_KEY, undefined);
      return;
    }
    const restored = await setActiveProfile(uri, typeof saved.title === 'string' ? saved.title : basename(uri.path), true);
    if (!restored && !current) await state?.update(ACTIVE_KEY, undefined);
  };
  if (goShows()) {
    setTimeout(() => void restore(), 0);
    return;
  }
  const listener = vscode.window.onDidChangeVisibleTextEditors(() => {
    if (!goShows()) return;
    listener.dispose();
    void restore();
  });
  context.subscriptions.push(listener);
}
