import type { DebugProtocol } from '@vscode/debugprotocol';

export type ProgramStatus = 'notStarted' | 'running' | 'stopped' | 'ended';

/**
 * Where the debuggee is, as the script runner sees it: the stop it is at (and whether the client
 * has been told of it), or running, or ended. Waiters are registered before a resume is sent, so
 * a stop that arrives before the resume's response is not missed.
 */
export class ProgramState {
  status: ProgramStatus = 'notStarted';
  stop?: DebugProtocol.StoppedEvent;
  /** Whether the client has the current stop (the script holds back the stops it moves on from). */
  shown = true;
  private waiters: (() => void)[] = [];

  stopped(event: DebugProtocol.StoppedEvent, shown: boolean): void {
    this.status = 'stopped';
    this.stop = event;
    this.shown = shown;
    this.wake();
  }

  resumed(): void {
    if (this.status !== 'ended') {
      this.status = 'running';
      this.stop = undefined;
    }
  }

  ended(): void {
    this.status = 'ended';
    this.stop = undefined;
    this.wake();
  }

  /** Resolves at the next stop or at the end of the program, whichever comes first. */
  next(): Promise<void> {
    return this.status === 'ended' ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }

  private wake(): void {
    this.waiters.splice(0).forEach((w) => w());
  }
}
