/**
 * Which profile sessions (go-dlv, and the Go extension's `go` sessions answered in the
 * extension host) are stopped (and on which goroutine) and which record a CPU
 * profile or an execution trace until the next stop, seen through a debug adapter tracker;
 * drives the context keys the menus use and the status-bar entry.
 */
import * as vscode from 'vscode';
import { RECORDING_EVENT, TRACED_EVENT, TRACE_REQUEST, type RecordingEvent, type TraceResult } from '../capture/api';
import { DEBUG_TYPE } from '../debug/debugTypeName';
import { isProfileSession, onDidChangeProfileSessions, onHostProfileMessage } from '../shared/profileSessions';

/** go-dlv, and the official Go extension's type, whose stops the tracker follows too. */
const TRACKED_TYPES = [DEBUG_TYPE, 'go'];

/** Not a DAP event: what the tracker makes of a goProfile.trace answer that says a trace runs. */
const TRACE_STARTED = 'goProfile.traceStarted';
const RESUMING = new Set(['continue', 'next', 'stepIn', 'stepOut', 'reverseContinue', 'stepBack', 'goto']);

interface SessionState {
  stoppedThread?: number;
  stopped: boolean;
  recording?: string;
  /** An execution trace runs until the next stop. */
  tracing?: boolean;
}

interface DapMessage {
  type: string;
  event?: string;
  command?: string;
  body?: Record<string, unknown>;
}

export class CaptureState implements vscode.Disposable {
  private readonly sessions = new Map<string, SessionState>();
  private readonly status = vscode.window.createStatusBarItem('goProfile.capture', vscode.StatusBarAlignment.Left, 50);
  private readonly disposables: vscode.Disposable[] = [];
  /** Per session: called when its CPU recording ends, is discarded, or the session goes. */
  private readonly recordingWaiters = new Map<string, (() => void)[]>();

  constructor() {
    this.status.name = 'Go Profile Capture';
    const tracker: vscode.DebugAdapterTrackerFactory = {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (m: DapMessage) => this.onMessage(session.id, m),
        onWillReceiveMessage: (m: DapMessage & { command?: string }) => {
          // dlv sends no `continued` for a resume the client asked for.
          if (m.type === 'request' && RESUMING.has(m.command ?? '')) {
            this.onMessage(session.id, { type: 'event', event: 'continued' });
          }
        },
        onWillStopSession: () => this.forget(session.id),
        onExit: () => this.forget(session.id),
      }),
    };
    this.disposables.push(
      this.status,
      ...TRACKED_TYPES.map((type) => vscode.debug.registerDebugAdapterTrackerFactory(type, tracker)),
      // A `go` session's goProfile.* events and answers come from the extension host, not DAP.
      onHostProfileMessage((m) => this.onMessage(m.session.id, { type: m.type, event: m.name, command: m.name, body: m.body })),
      onDidChangeProfileSessions(() => this.refresh()),
      vscode.debug.onDidChangeActiveDebugSession(() => this.refresh()),
      vscode.debug.onDidTerminateDebugSession((s) => this.forget(s.id)),
    );
  }

  /** The goroutine a capture should run on: the selected one, else the one that stopped. */
  threadFor(session: vscode.DebugSession): number | undefined {
    const item = vscode.debug.activeStackItem;
    if (item && item.session.id === session.id) {
      return item.threadId;
    }
    return this.sessions.get(session.id)?.stoppedThread;
  }

  /**
   * Resolves when the session's CPU recording has ended (reported or discarded), or at once
   * when none runs: what a notification that shows the recording waits for.
   */
  recordingEnded(session: vscode.DebugSession): Promise<void> {
    if (this.sessions.get(session.id)?.recording === undefined) {
      return Promise.resolve();
    }
    return new Promise((resolve) => this.recordingWaiters.set(session.id, [...(this.recordingWaiters.get(session.id) ?? []), resolve]));
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    [...this.recordingWaiters.keys()].forEach((id) => this.endRecording(id));
  }

  private onMessage(id: string, m: DapMessage): void {
    // The adapter sends no event when a trace starts: its answer to the request says so.
    const traceStarted = m.type === 'response' && m.command === TRACE_REQUEST && (m.body as TraceResult | undefined)?.tracing === true;
    const what = traceStarted ? TRACE_STARTED : m.type === 'event' ? m.event : undefined;
    if (what === undefined) {
      return;
    }
    const state = this.sessions.get(id) ?? { stopped: false };
    switch (what) {
      case 'stopped':
        state.stopped = true;
        state.stoppedThread = typeof m.body?.threadId === 'number' ? m.body.threadId : undefined;
        break;
      case 'continued':
        state.stopped = false;
        break;
      case RECORDING_EVENT: {
        const body = m.body as unknown as RecordingEvent;
        state.recording = body.recording ? body.location ?? 'here' : undefined;
        break;
      }
      case TRACE_STARTED:
        state.tracing = true;
        break;
      case TRACED_EVENT:
        state.tracing = false;
        break;
      case 'exited':
      case 'terminated':
        // The program is gone: whatever it recorded was discarded.
        state.stopped = false;
        state.recording = undefined;
        state.tracing = false;
        break;
      default:
        return;
    }
    this.sessions.set(id, state);
    if (state.recording === undefined) {
      this.endRecording(id);
    }
    this.refresh();
  }

  private forget(id: string): void {
    this.sessions.delete(id);
    this.endRecording(id);
    this.refresh();
  }

  private endRecording(id: string): void {
    const waiters = this.recordingWaiters.get(id) ?? [];
    this.recordingWaiters.delete(id);
    waiters.forEach((resolve) => resolve());
  }

  private refresh(): void {
    const active = vscode.debug.activeDebugSession;
    const state = isProfileSession(active) ? this.sessions.get(active.id) : undefined;
    void vscode.commands.executeCommand('setContext', 'goProfile.stopped', state?.stopped ?? false);
    void vscode.commands.executeCommand('setContext', 'goProfile.recording', state?.recording !== undefined);
    const running = [state?.recording && 'CPU profile', state?.tracing && 'execution trace'].filter((r): r is string => !!r);
    if (running.length) {
      const what = running.join(' and ');
      this.status.text = `$(record) ${what[0].toUpperCase()}${what.slice(1)} recording`;
      this.status.tooltip = `${state?.recording ? `CPU profile since ${state.recording}. ` : ''}It ends at the next stop (breakpoint, step or pause).`;
      this.status.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      this.status.command = undefined;
      this.status.show();
    } else if (state?.stopped) {
      this.status.text = '$(flame) Profile';
      this.status.tooltip = 'Capture a profile or trace at this stop';
      this.status.backgroundColor = undefined;
      this.status.command = 'goProfile.capture';
      this.status.show();
    } else {
      this.status.hide();
    }
  }
}
