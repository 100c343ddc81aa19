/**
 * The profiles captured in this workspace, newest first, kept in workspace state so the
 * list survives a reload. Files deleted outside VS Code drop out of the list.
 */
import * as vscode from 'vscode';
import { existsSync } from 'node:fs';
import type { CaptureKind } from '../capture/api';

export interface StoredCapture {
  path: string;
  kind: CaptureKind;
  location: string;
  /** Epoch milliseconds. */
  time: number;
  session: string;
  /** A user-given name; defaults to kind and location. */
  label?: string;
}

const KEY = 'goProfile.captures';
const LIMIT = 200;

export class CaptureStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  /** The captures whose files still exist. */
  all(): StoredCapture[] {
    return this.stored().filter((c) => existsSync(c.path));
  }

  async add(capture: StoredCapture): Promise<void> {
    await this.save([capture, ...this.all().filter((c) => c.path !== capture.path)].slice(0, LIMIT));
  }

  /**
   * A renamed capture keeps its place in the list, under its new file and name. Called after
   * the file moved, so the entry is found by its old path whether that file exists or not.
   */
  async rename(path: string, newPath: string, label: string): Promise<void> {
    await this.save(this.stored().map((c) => (c.path === path ? { ...c, path: newPath, label } : c)));
  }

  async remove(path: string): Promise<void> {
    await this.save(this.all().filter((c) => c.path !== path));
  }

  private stored(): StoredCapture[] {
    return this.state.get<StoredCapture[]>(KEY, []);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async save(list: StoredCapture[]): Promise<void> {
    await this.state.update(KEY, list);
    this.changed.fire();
  }
}
