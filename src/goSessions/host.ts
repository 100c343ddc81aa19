/**
 * The CaptureHost of a `go` session of the official Go extension: its adapter is plain
 * `dlv dap`, so the capture controller's DAP requests travel over the session's own
 * connection (`customRequest`, which VS Code passes to dlv as is), and the controller's
 * events go to the features through src/shared/profileSessions instead of over DAP.
 */
import * as vscode from 'vscode';
import type { CaptureHost } from '../capture/api';
import { emitProfileEvent } from '../shared/profileSessions';

export class CustomRequestHost implements CaptureHost {
  private session?: vscode.DebugSession;
  private ended = false;

  /** The session is known only once VS Code starts it, after its configuration was resolved. */
  bind(session: vscode.DebugSession): void {
    this.session = session;
  }

  end(): void {
    this.ended = true;
  }

  async request(command: string, args: object): Promise<unknown> {
    if (!this.session || this.ended) {
      throw new Error('The debug session has ended.');
    }
    return this.session.customRequest(command, args);
  }

  sendEvent(event: string, body: object): void {
    if (this.session && !this.ended) {
      emitProfileEvent(this.session, event, body);
    }
  }

  log(text: string): void {
    // Only the active session's console can be written to; captures run in the active session.
    if (this.session && vscode.debug.activeDebugSession?.id === this.session.id) {
      vscode.debug.activeDebugConsole.appendLine(text.replace(/\n$/, ''));
    }
  }
}
