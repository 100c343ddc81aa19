import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { RUN_SCRIPT_REQUEST, RunScriptArgs } from './api';
import { BreakpointSync } from './breakpointSync';
import type { ScriptHost } from './host';
import { ProgramState } from './program';
import { ScriptRunner } from './runner';
import { ScriptBreakpoints } from './scriptBreakpoints';
import { TargetResolver } from './targets';

type Respond = (outcome: { body?: unknown; message?: string }) => void;

const RESUMING = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue']);

/**
 * Delve scripts in a go-dlv session: the launch's `initScript` (run after the client's
 * configurationDone, before the program runs — or at the first stop with stopOnEntry) and
 * `goDlv.runScript` requests. The session hands it every client request, every stop and every
 * other event from dlv; it answers the requests it takes and holds the stops a script moves on from.
 */
export class DelveScripts {
  private readonly program = new ProgramState();
  private readonly sync: BreakpointSync;
  private readonly breakpoints: ScriptBreakpoints;
  private readonly runner: ScriptRunner;
  private launch: { initScript?: string; cwd: string; stopOnEntry: boolean } = { cwd: process.cwd(), stopOnEntry: false };
  private running = false;

  constructor(private readonly host: ScriptHost) {
    this.sync = new BreakpointSync(host);
    this.breakpoints = new ScriptBreakpoints(this.sync);
    const targets = new TargetResolver(host, () => this.launch.cwd);
    this.runner = new ScriptRunner({ host, program: this.program, breakpoints: this.breakpoints, sync: this.sync, targets });
  }

  /** Sees every client request first; returns true when it answers the request itself. */
  handleRequest(request: DebugProtocol.Request, respond: Respond): boolean {
    switch (request.command) {
      case 'launch':
      case 'attach': {
        const args = (request.arguments ?? {}) as { initScript?: unknown; cwd?: unknown; stopOnEntry?: unknown; noDebug?: unknown };
        const cwd = typeof args.cwd === 'string' && args.cwd ? resolve(args.cwd) : process.cwd();
        // Run Without Debugging: a script's breakpoints and stops have no place there.
        const wanted = args.noDebug !== true && typeof args.initScript === 'string' && args.initScript;
        const initScript = wanted ? resolve(cwd, args.initScript as string) : undefined;
        this.launch = { initScript, cwd, stopOnEntry: args.stopOnEntry === true };
        return false;
      }
      case 'setBreakpoints':
      case 'setFunctionBreakpoints':
      case 'setDataBreakpoints':
        if (!this.sync.merges(request)) {
          return false;
        }
        this.sync.answerClient(request).then((body) => respond({ body }), (err: unknown) => respond({ message: messageOf(err) }));
        return true;
      case 'configurationDone':
        if (!this.launch.initScript) {
          this.program.resumed();
          return false;
        }
        void this.runInitScript(this.launch.initScript, request, respond);
        return true;
      case RUN_SCRIPT_REQUEST:
        void this.runRequested((request.arguments ?? {}) as RunScriptArgs, respond);
        return true;
    }
    if (RESUMING.has(request.command)) {
      this.program.resumed();
    }
    return false;
  }

  /** Whether onStopped will act at this stop (a script runs, or breakpoint actions or displays). */
  takesStop(stop: DebugProtocol.StoppedEvent): boolean {
    return this.running || this.runner.wantsStop(stop);
  }

  /** Every stop, after capture has seen it; returns true when the stop is held back from the client. */
  onStopped(stop: DebugProtocol.StoppedEvent): boolean {
    if (this.running) {
      this.program.stopped(stop, false);
      return true;
    }
    this.program.stopped(stop, true);
    if (!this.runner.wantsStop(stop)) {
      return false;
    }
    // A breakpoint with `on` actions that need a stop: run them before the client sees it.
    this.program.shown = false;
    const goOn = this.runner.tracesOnly(stop);
    void this.runner.atStop(stop).finally(() => (goOn ? this.goOn(stop) : this.showStop()));
    return true;
  }

  /** After a tracepoint's actions (a script's profilepoint): the program continues, unseen. */
  private goOn(stop: DebugProtocol.StoppedEvent): void {
    if (this.program.status !== 'stopped' || this.program.stop !== stop) {
      return;
    }
    this.program.resumed();
    this.host.request('continue', { threadId: stop.body.threadId }).catch((err: unknown) => {
      this.host.output(`The program could not go on after a tracepoint: ${messageOf(err)}\n`, 'stderr');
    });
  }

  /** Every other event from dlv. */
  onEvent(event: DebugProtocol.Event): void {
    if (event.event === 'terminated' || event.event === 'exited') {
      this.program.ended();
    }
  }

  private async runInitScript(path: string, request: DebugProtocol.Request, respond: Respond): Promise<void> {
    const configurationDone = (): Promise<void> =>
      this.host.request('configurationDone', request.arguments ?? {}).then((body) => respond({ body }), (err: unknown) => respond({ message: messageOf(err) }));
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      this.host.output(`initScript ${path}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : messageOf(err)}; the program runs without it.\n`, 'stderr');
      this.program.resumed();
      return configurationDone();
    }
    this.running = true;
    try {
      if (this.launch.stopOnEntry) {
        const entry = this.program.next();
        await configurationDone();
        await entry;
        await this.runner.run(text, path);
        return;
      }
      let start = (): void => undefined;
      const started = new Promise<void>((resolveStart) => (start = resolveStart));
      // However the script ends, configurationDone is answered (below) and the program runs.
      const done = this.runner.run(text, path, start).catch((err: unknown) => {
        this.host.output(`initScript ${path}: ${messageOf(err)}\n`, 'stderr');
      });
      await Promise.race([started, done]);
      this.program.resumed();
      await configurationDone();
      await done;
    } finally {
      this.running = false;
      this.showStop();
    }
  }

  private async runRequested(args: RunScriptArgs, respond: Respond): Promise<void> {
    if (typeof args.text !== 'string') {
      respond({ message: 'goDlv.runScript needs the script text.' });
      return;
    }
    if (this.running) {
      respond({ message: 'A Delve script is already running in this session: wait for it to end.' });
      return;
    }
    if (this.program.status === 'notStarted' || this.program.status === 'ended') {
      respond({ message: this.program.status === 'ended' ? 'The program has ended: start a new debug session.' : 'The program has not started yet.' });
      return;
    }
    this.running = true;
    try {
      respond({ body: await this.runner.run(args.text, args.path ?? 'script') });
    } catch (err) {
      respond({ message: messageOf(err) });
    } finally {
      this.running = false;
      this.showStop();
    }
  }

  /** The stop the program is at, for a client that has not been told of it. */
  private showStop(): void {
    if (this.program.status === 'stopped' && !this.program.shown) {
      this.program.shown = true;
      this.host.sendEvent(this.program.stop!);
    }
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
