/**
 * The profiles and execution traces saved in this workspace, newest first, kept in workspace
 * state so the list survives a reload. Files deleted outside VS Code drop out of the list.
 */
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import { isTrace, withAdded, withRenamed, type StoredCapture, type StoredEntry } from './captureEntries';

export type { StoredCapture, StoredEntry, StoredTrace } from './captureEntries';

const KEY = 'goProfile.captures';
const LIMIT = 200;

/** Profiles and traces whose files still exist, newest first: what the Profiles view lists. */
export function listedEntries(state: vscode.Memento): StoredEntry[] {
  return state.get<StoredEntry[]>(KEY, []).filter((e) => existsSync(e.path));
}

/** The listed profiles (not traces): what can be compared. */
export function listedProfiles(state: vscode.Memento): StoredCapture[] {
  return listedEntries(state).filter((e): e is StoredCapture => !isTrace(e));
}

export class CaptureStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  entries(): StoredEntry[] {
    return listedEntries(this.state);
  }

  async add(entry: StoredEntry): Promise<void> {
    await this.save(withAdded(this.entries(), entry, LIMIT));
  }

  /**
   * Called after the file moved, so the entry is found by its old path whether that file
   * exists or not.
   */
  async rename(path: string, newPath: string, label: string): Promise<void> {
    await this.save(withRenamed(this.stored(), path, newPath, label));
  }

  async remove(paths: readonly string[]): Promise<void> {
    const gone = new Set(paths);
    await this.save(this.entries().filter((e) => !gone.has(e.path)));
  }

  private stored(): StoredEntry[] {
    return this.state.get<StoredEntry[]>(KEY, []);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async save(list: StoredEntry[]): Promise<void> {
    await this.state.update(KEY, list);
    this.changed.fire();
  }
}
