/**
 * The workspace's profilepoints: source breakpoints the user made capture-and-continue, with
 * what each captures. Kept in workspace state by file and line; every go-dlv session gets them
 * at launch (a configuration attribute, so the first hit already captures) and again whenever
 * they or the breakpoints change.
 */
import * as vscode from 'vscode';
import { PROFILEPOINTS_REQUEST, Profilepoint, ProfilepointKind } from '../capture/api';
import { DEBUG_TYPE } from '../debug/debugTypeName';

const STATE_KEY = 'goProfile.profilepoints';

interface Stored {
  path: string;
  line: number;
  kind: ProfilepointKind;
}

export class Profilepoints implements vscode.Disposable {
  private stored: Stored[];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly state: vscode.Memento) {
    this.stored = state.get<Stored[]>(STATE_KEY, []);
    // A profilepoint whose breakpoint was removed is gone too; lines follow the breakpoints' edits.
    this.subscriptions.push(vscode.debug.onDidChangeBreakpoints(() => void this.prune()));
  }

  /** The profilepoints with a breakpoint on their line now, as the adapter takes them. */
  points(): Profilepoint[] {
    const lines = new Set(sourceBreakpoints().map((b) => key(b.location.uri.fsPath, b.location.range.start.line + 1)));
    return this.stored.filter((s) => lines.has(key(s.path, s.line))).map((s) => ({ id: seriesId(s), path: s.path, line: s.line, kind: s.kind }));
  }

  kindAt(path: string, line: number): ProfilepointKind | undefined {
    return this.stored.find((s) => s.path === path && s.line === line)?.kind;
  }

  /** Makes the line a profilepoint, adding a breakpoint there if it has none. */
  async add(uri: vscode.Uri, line: number, kind: ProfilepointKind): Promise<void> {
    const path = uri.fsPath;
    const existing = sourceBreakpoints().find((b) => b.location.uri.fsPath === path && b.location.range.start.line + 1 === line);
    if (!existing) {
      vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(uri, new vscode.Position(line - 1, 0)))]);
    }
    this.stored = [...this.stored.filter((s) => !(s.path === path && s.line === line)), { path, line, kind }];
    await this.save();
  }

  async remove(path: string, line: number): Promise<void> {
    this.stored = this.stored.filter((s) => !(s.path === path && s.line === line));
    await this.save();
  }

  /** Sends the current profilepoints to every go-dlv session. */
  async sync(): Promise<void> {
    const points = this.points();
    const sessions = [vscode.debug.activeDebugSession].filter((s): s is vscode.DebugSession => s?.type === DEBUG_TYPE);
    await Promise.all(sessions.map((s) => Promise.resolve(s.customRequest(PROFILEPOINTS_REQUEST, { points })).catch(() => undefined)));
  }

  private async prune(): Promise<void> {
    const lines = new Set(sourceBreakpoints().map((b) => key(b.location.uri.fsPath, b.location.range.start.line + 1)));
    const kept = this.stored.filter((s) => lines.has(key(s.path, s.line)));
    if (kept.length !== this.stored.length) {
      this.stored = kept;
      await this.save();
    } else {
      await this.sync();
    }
  }

  private async save(): Promise<void> {
    await this.state.update(STATE_KEY, this.stored);
    this.changed.fire();
    await this.sync();
  }

  dispose(): void {
    this.changed.dispose();
    this.subscriptions.forEach((d) => d.dispose());
  }
}

function sourceBreakpoints(): vscode.SourceBreakpoint[] {
  return vscode.debug.breakpoints.filter((b): b is vscode.SourceBreakpoint => b instanceof vscode.SourceBreakpoint && b.enabled);
}

function key(path: string, line: number): string {
  return `${path}:${line}`;
}

/** A series is named for its file, line and kind: the same line with another kind is another series. */
export function seriesId(p: { path: string; line: number; kind: string }): string {
  return `${p.kind} at ${p.path.split(/[\\/]/).pop()}:${p.line}`;
}
