/**
 * Comparing two profiles: "Go Profile: Compare Profiles…" (pick a base, then a target), and
 * from the Profiles view "Compare with Previous" (the capture before this one in the same
 * debug session, same kind) and "Compare with…" (another capture or file; two selected
 * captures compare directly). The comparison opens as a differential flame graph and
 * annotates the editor with per-line changes while its panel is open.
 *
 * Commands: goProfile.compareProfiles (base?: Uri, target?: Uri),
 * goProfile.profiles.compareWithPrevious (capture), goProfile.profiles.compareWith (capture, selected?).
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { isTrace } from '../shared/captureEntries';
import { listedProfiles, type StoredCapture, type StoredEntry } from '../shared/captureStore';
import { decodeProfileBytes } from '../capture/profileBytes';
import { diffProfiles, ProfileError, type Profile } from '../profile';
import { DiffDecorations } from './compareDecorations';
import { comparisonRefusal, previousCapture } from './compareCaptures';
import { openPanel } from './panel';
import { readProfileUri } from '../shared/profileUri';
import { shownNames } from '../shared/profileNames';

const filters = { 'pprof profiles': ['pprof', 'gz', 'prof', 'out', 'pb'], 'All files': ['*'] };

async function pick(title: string): Promise<vscode.Uri | undefined> {
  return (await vscode.window.showOpenDialog({ title, canSelectMany: false, filters }))?.[0];
}

async function decode(uri: vscode.Uri): Promise<Profile> {
  return shownNames(decodeProfileBytes(await readProfileUri(uri)));
}

/** Opens the comparison of two profile files, or says in one line why it cannot. */
export async function compareFiles(decorations: DiffDecorations, baseUri: vscode.Uri, targetUri: vscode.Uri, baseName?: string, targetName?: string): Promise<void> {
  const b = baseName ?? basename(baseUri.path);
  const t = targetName ?? basename(targetUri.path);
  let diff: Profile;
  try {
    const [base, target] = await Promise.all([decode(baseUri), decode(targetUri)]);
    const refusal = comparisonRefusal(base, target);
    if (refusal) {
      void vscode.window.showErrorMessage(`Cannot compare ${t} with ${b}: ${refusal}`);
      return;
    }
    diff = diffProfiles(base, target);
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot compare ${t} with ${b}: ${e instanceof ProfileError || e instanceof Error ? e.message : String(e)}`);
    return;
  }
  const owner = {};
  const panel = openPanel(`Δ ${t} vs ${b}`, {
    title: `${t} vs ${b}`,
    baseTitle: b,
    profile: () => Promise.resolve(diff),
    onFilter: (filtered) => void decorations.show(owner, filtered),
  });
  panel.onDidDispose(() => decorations.clear(owner));
  void decorations.show(owner, diff);
}

async function compareWithPrevious(context: vscode.ExtensionContext, decorations: DiffDecorations, c?: StoredCapture): Promise<void> {
  if (!c?.path) return;
  const previous = previousCapture(listedProfiles(context.workspaceState), c);
  if (!previous) {
    void vscode.window.showInformationMessage(`No earlier ${c.kind} capture in session ${c.session} to compare with.`);
    return;
  }
  await compareFiles(decorations, vscode.Uri.file(previous.path), vscode.Uri.file(c.path), nameOf(previous), nameOf(c));
}

function nameOf(c: StoredCapture): string {
  return c.label ?? `${c.kind} at ${c.location} (${new Date(c.time).toLocaleTimeString()})`;
}

/** Two profiles selected: the older is the base. One: pick the other from the list or a file. */
async function compareWith(context: vscode.ExtensionContext, decorations: DiffDecorations, c?: StoredCapture, selected?: StoredEntry[]): Promise<void> {
  if (!c?.path) return;
  const others = (selected ?? []).filter((s): s is StoredCapture => !isTrace(s) && s.path !== c.path);
  if (others.length > 1) {
    void vscode.window.showInformationMessage(`A comparison takes two profiles; ${others.length + 1} are selected.`);
    return;
  }
  let other: StoredCapture | undefined = others.length === 1 ? others[0] : undefined;
  if (!other) {
    const browse = { label: '$(folder-opened) A profile file…', capture: undefined as StoredCapture | undefined };
    const items = [
      ...listedProfiles(context.workspaceState)
        .filter((s) => s.path !== c.path)
        .sort((x, y) => Number(y.kind === c.kind) - Number(x.kind === c.kind))
        .map((s) => ({ label: nameOf(s), description: `${s.kind} · ${s.session}`, capture: s as StoredCapture | undefined })),
      browse,
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `Compare ${nameOf(c)} with…` });
    if (!picked) return;
    if (!picked.capture) {
      const file = await pick('Base profile to compare with');
      if (file) await compareFiles(decorations, file, vscode.Uri.file(c.path), undefined, nameOf(c));
      return;
    }
    other = picked.capture;
  }
  const [base, target] = other.time <= c.time ? [other, c] : [c, other];
  await compareFiles(decorations, vscode.Uri.file(base.path), vscode.Uri.file(target.path), nameOf(base), nameOf(target));
}

export function registerCompare(context: vscode.ExtensionContext): void {
  const decorations = new DiffDecorations();
  context.subscriptions.push(
    decorations,
    vscode.commands.registerCommand('goProfile.compareProfiles', async (base?: vscode.Uri, target?: vscode.Uri) => {
      const b = base instanceof vscode.Uri ? base : await pick('Base profile (before)');
      if (!b) return;
      const t = target instanceof vscode.Uri ? target : await pick(`Target profile to compare with ${basename(b.path)} (after)`);
      if (!t) return;
      await compareFiles(decorations, b, t);
    }),
    vscode.commands.registerCommand('goProfile.profiles.compareWithPrevious', (c?: StoredCapture) => compareWithPrevious(context, decorations, c)),
    vscode.commands.registerCommand('goProfile.profiles.compareWith', (c?: StoredCapture, selected?: StoredEntry[]) => compareWith(context, decorations, c, selected)),
  );
}
