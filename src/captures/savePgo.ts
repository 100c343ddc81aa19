/**
 * "Save as default.pgo": merges one or more CPU profiles (selected in the Profiles view or the
 * explorer, or picked) as `go tool pprof -proto a b` would, and writes the result as
 * default.pgo in the main package's folder, where `go build -pgo=auto` (the default) uses it.
 */
import * as vscode from 'vscode';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatValue, mergeProfiles, ProfileError } from '../profile';
import { readProfileFile, writeProfileFile } from '../shared/profileFile';
import { displayName, isTrace } from '../shared/captureEntries';
import type { CaptureStore, StoredEntry } from '../shared/captureStore';

/** What the command is given: a Profiles view row (and the selection), explorer files, or nothing. */
type Target = StoredEntry | vscode.Uri | undefined;

export async function saveAsDefaultPgo(store: CaptureStore, target: Target, selected?: readonly (StoredEntry | vscode.Uri)[]): Promise<void> {
  const files = await profilesToMerge(store, target, selected);
  if (!files?.length) return;
  const folder = await mainPackageFolder();
  if (!folder) return;
  const out = join(folder, 'default.pgo');
  if (existsSync(out)) {
    const ok = await vscode.window.showWarningMessage(`${out} exists. Replace it?`, { modal: true }, 'Replace');
    if (ok !== 'Replace') return;
  }
  try {
    const merged = mergeProfiles(files.map(readProfileFile));
    if (!merged.sampleTypes.some((t) => t.type === 'cpu' || t.type === 'samples')) {
      throw new ProfileError('PGO takes CPU profiles; these are not');
    }
    writeProfileFile(out, merged);
    const cpu = merged.sampleTypes.findIndex((t) => t.type === 'cpu');
    let total = 0;
    for (let i = 0; cpu >= 0 && i < merged.samples.length; i++) total += merged.samples.values[i * merged.sampleTypes.length + cpu];
    const what = cpu >= 0 ? `${formatValue(total, 'nanoseconds')} of CPU from ` : '';
    void vscode.window.showInformationMessage(`Saved ${out} (${what}${files.length} profile${files.length > 1 ? 's' : ''}): go build uses it with -pgo=auto, the default.`);
  } catch (e) {
    void vscode.window.showErrorMessage(`Cannot save default.pgo: ${e instanceof Error ? e.message.split('\n', 1)[0] : String(e)}`);
  }
}

async function profilesToMerge(store: CaptureStore, target: Target, selected?: readonly (StoredEntry | vscode.Uri)[]): Promise<string[] | undefined> {
  const pathOf = (t: StoredEntry | vscode.Uri): string => (t instanceof vscode.Uri ? t.fsPath : t.path);
  if (target) {
    const all = selected?.some((s) => pathOf(s) === pathOf(target)) ? selected : [target];
    return all.filter((t) => t instanceof vscode.Uri || !isTrace(t)).map(pathOf);
  }
  const cpu = store.entries().filter((e) => !isTrace(e) && e.kind === 'cpu');
  const items = cpu.map((e) => ({ label: displayName(e), description: e.session, path: e.path, picked: true }));
  const browse = { label: 'Browse for profile files…', path: '' };
  const picks = await vscode.window.showQuickPick([...items, browse], { canPickMany: true, title: 'CPU profiles to merge into default.pgo' });
  if (!picks?.length) return undefined;
  const paths = picks.filter((p) => p.path).map((p) => p.path);
  if (picks.includes(browse)) {
    const uris = await vscode.window.showOpenDialog({ canSelectMany: true, openLabel: 'Merge into default.pgo', filters: { Profiles: ['pprof', 'gz', 'prof', 'out', 'pgo'] } });
    paths.push(...(uris ?? []).map((u) => u.fsPath));
  }
  return paths;
}

/** The folder of the workspace's `package main`: the only one, or the one the user picks. */
async function mainPackageFolder(): Promise<string | undefined> {
  const goFiles = await vscode.workspace.findFiles('**/*.go', '**/{vendor,testdata,node_modules,.git}/**', 5000);
  const folders = [...new Set(goFiles.filter((u) => !u.fsPath.endsWith('_test.go') && isMainPackage(u.fsPath)).map((u) => dirname(u.fsPath)))].sort();
  if (folders.length === 1) return folders[0];
  if (folders.length > 1) {
    const pick = await vscode.window.showQuickPick(folders.map((f) => ({ label: vscode.workspace.asRelativePath(f), folder: f })), { title: 'Which main package is default.pgo for?' });
    return pick?.folder;
  }
  const chosen = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Save default.pgo here', title: 'No main package in the workspace: the folder of the main package' });
  return chosen?.[0]?.fsPath;
}

/** A Go file of package main (its package clause, after comments, says so). */
function isMainPackage(file: string): boolean {
  try {
    const head = readFileSync(file, 'utf8').slice(0, 4096);
    return /^package\s+main\b/m.test(head.replace(/\/\*[\s\S]*?\*\//g, ''));
  } catch {
    return false;
  }
}
