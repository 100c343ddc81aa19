/**
 * The debug sessions profiles are captured in, and how to talk to them. A go-dlv session's
 * adapter answers `goProfile.*` requests and sends `goProfile.*` events over DAP. A session of
 * the official Go extension (type `go`, whose adapter is plain `dlv dap`) cannot: there the
 * same capture controller runs in the extension host (src/goSessions) and registers here.
 * The capture commands, the Profiles view, traces and the status bar use only this module, so
 * they work the same in both.
 */
import * as vscode from 'vscode';
import { DEBUG_TYPE } from '../debug/debugTypeName';

/** Answers `goProfile.*` requests for one session in the extension host. */
export interface ProfileRequestHandler {
  handleRequest(command: string, args: Record<string, unknown>): Promise<object>;
}

/** A `goProfile.*` event, or the answer to a request, as a DAP message of that session. */
export interface ProfileMessage {
  session: vscode.DebugSession;
  type: 'event' | 'response';
  /** The event's name, or the request's command for a response. */
  name: string;
  body: Record<string, unknown>;
}

const handlers = new Map<string, ProfileRequestHandler>();
const messages = new vscode.EventEmitter<ProfileMessage>();
const changed = new vscode.EventEmitter<void>();

/** Registers the extension-host handler of a session; disposing it unregisters. */
export function registerProfileSession(session: vscode.DebugSession, handler: ProfileRequestHandler): vscode.Disposable {
  handlers.set(session.id, handler);
  changed.fire();
  return new vscode.Disposable(() => {
    if (handlers.get(session.id) === handler) {
      handlers.delete(session.id);
      changed.fire();
    }
  });
}

/** Fires when a session starts or stops being answered in the extension host. */
export const onDidChangeProfileSessions = changed.event;

/** Whether profiles can be asked for in this session. */
export function isProfileSession(session: vscode.DebugSession | undefined): session is vscode.DebugSession {
  return !!session && (session.type === DEBUG_TYPE || handlers.has(session.id));
}

/** Sends a `goProfile.*` request to whoever answers it for this session. */
export async function profileRequest<T>(session: vscode.DebugSession, command: string, args: object): Promise<T> {
  const handler = handlers.get(session.id);
  if (!handler) {
    return (await session.customRequest(command, args)) as T;
  }
  const body = await handler.handleRequest(command, args as Record<string, unknown>);
  messages.fire({ session, type: 'response', name: command, body: body as Record<string, unknown> });
  return body as T;
}

/** Sends an event of an extension-host session to the listeners of onProfileEvent. */
export function emitProfileEvent(session: vscode.DebugSession, event: string, body: object): void {
  messages.fire({ session, type: 'event', name: event, body: body as Record<string, unknown> });
}

/**
 * Events and answers of the extension-host sessions only (a go-dlv session's travel over DAP,
 * where a debug adapter tracker sees them).
 */
export const onHostProfileMessage = messages.event;

/** `goProfile.*` events of every profile session: go-dlv's over DAP, the others' from the host. */
export function onProfileEvent(listener: (e: { session: vscode.DebugSession; event: string; body: unknown }) => unknown): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.debug.onDidReceiveDebugSessionCustomEvent((e) => {
      if (e.session.type === DEBUG_TYPE) {
        listener(e);
      }
    }),
    messages.event((m) => {
      if (m.type === 'event') {
        listener({ session: m.session, event: m.name, body: m.body });
      }
    }),
  );
}
