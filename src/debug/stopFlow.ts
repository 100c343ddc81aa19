import { OutputEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { CaptureController } from '../capture/api';
import type { AfterStopWork } from './afterStop';
import type { DelveScripts } from './script/delveScripts';
import { CAPTURE_STOP_TIMEOUT_MS } from './sessionLimits';
import { settleWithin } from './settleWithin';

export interface StopFlowParts {
  capture: CaptureController;
  scripts: DelveScripts;
  afterStop: AfterStopWork;
  /** Sends an event to the client. */
  send(event: DebugProtocol.Event): void;
  /** Delivers a message from dlv that waited behind a stop. */
  deliver(message: DebugProtocol.ProtocolMessage): void;
}

/**
 * A stop on its way from dlv to the client: capture sees it first (a profilepoint may hide
 * it, a timed capture's pause is settled), then Delve scripts (which may move on from it),
 * then the client; whatever dlv sends meanwhile waits behind it, in order. Work capture leaves
 * for later (ending a CPU recording) is handed to AfterStopWork once the stop is shown.
 */
export class StopFlow {
  /** While capture handles a stop, later messages from dlv wait here so order is kept. */
  private held?: DebugProtocol.ProtocolMessage[];

  constructor(private readonly parts: StopFlowParts) {}

  /** True if `message` waits behind a stop (it is delivered after the stop). */
  holds(message: DebugProtocol.ProtocolMessage): boolean {
    this.held?.push(message);
    return this.held !== undefined;
  }

  /** Capture sees every stop before the client does (e.g. to end a CPU region at it). */
  hold(event: DebugProtocol.StoppedEvent): void {
    const { capture, scripts, afterStop } = this.parts;
    this.held = [];
    // A capture that never finishes must not hide the stop for good.
    let hidden = false;
    let shown = event;
    const stop = { reason: event.body.reason, threadId: event.body.threadId, clientNext: !scripts.takesStop(event) };
    const captured = capture.onStopped(stop).then((o) => {
      hidden = o?.hide === true;
      if (o?.threadId !== undefined) {
        // The pause ending a timed capture, settled on a goroutine the user can use.
        shown = { ...event, body: { ...event.body, threadId: o.threadId, reason: o.reason ?? event.body.reason } };
      }
    });
    settleWithin(captured, CAPTURE_STOP_TIMEOUT_MS, () => new Error(`no answer within ${CAPTURE_STOP_TIMEOUT_MS / 1000}s`), (failure) => {
      if (failure) {
        const { error } = failure;
        this.parts.send(new OutputEvent(`Profile capture at this stop failed: ${error instanceof Error ? error.message : String(error)}\n`, 'stderr'));
      }
      // A profilepoint's stop: capture moved the program on; the client never hears of it.
      this.show(hidden ? undefined : shown);
      if (capture.hasStopWork) {
        afterStop.schedule();
      }
    });
  }

  private show(event: DebugProtocol.StoppedEvent | undefined): void {
    // A stop a Delve script moves on from is not shown.
    if (event && !this.parts.scripts.onStopped(event)) {
      this.parts.send(event);
    }
    const later = this.held ?? [];
    this.held = undefined;
    for (const [i, message] of later.entries()) {
      if (this.held) {
        (this.held as DebugProtocol.ProtocolMessage[]).push(...later.slice(i));
        break;
      }
      this.parts.deliver(message);
    }
  }
}
