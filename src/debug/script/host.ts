import type { DebugProtocol } from '@vscode/debugprotocol';
import { CAPTURE_REQUEST, CaptureController, CaptureHost } from '../../capture/api';

/** What the script runner may do with the session it runs in (kept narrow so it can be tested alone). */
export interface ScriptHost {
  /** Sends a DAP request to dlv; resolves with the response body, rejects with dlv's message. */
  request(command: string, args: object): Promise<unknown>;
  /** Sends an event to the client as it is (a stop the script held back, a breakpoint, continued). */
  sendEvent(event: DebugProtocol.Event): void;
  /** Writes to the debug console: `console` for what the script asked to see, `stderr` for problems. */
  output(text: string, category: 'console' | 'stderr'): void;
  /** Runs a `goProfile.capture` as the custom request would; rejects with a user-facing message. */
  capture(args: { kind: string; threadId?: number; seconds?: number; series?: string }): Promise<object>;
}

export function event(name: string, body: object): DebugProtocol.Event {
  return { seq: 0, type: 'event', event: name, body };
}

/** The script host of a session, made from what capture gets; `profile` goes through the same path as `goProfile.capture`. */
export function scriptHost(
  capture: CaptureHost,
  controller: CaptureController,
  send: (event: DebugProtocol.Event) => void,
): ScriptHost {
  return {
    request: (command, args) => capture.request(command, args),
    sendEvent: send,
    output: (text, category) => send(event('output', { category, output: text })),
    capture: (args) => controller.handleRequest(CAPTURE_REQUEST, args),
  };
}
