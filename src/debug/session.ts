import { rmSync } from 'node:fs';
import { DebugSession, Event, OutputEvent, TerminatedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { CaptureController, CaptureHost, DlvLaunchArgs } from '../capture/api';
import { createCaptureController } from '../capture/controller';
import { DEBUG_TYPE } from './debugTypeName';
import { DISCONNECT_TIMEOUT_MS, DLV_DEATH_WAIT_MS, DLV_EXIT_GRACE_MS, REVERSE_REQUEST_TIMEOUT_MS } from './sessionLimits';
import { dapResponse, dlvGoneReport, Outcome, SESSION_ENDED } from './dapResponse';
import { BuildReport } from './compileErrors';
import { changedCapabilities, DLV_CAPABILITIES } from './capabilities';
import { DlvChannel, errorText, Unanswered } from './dlvChannel';
import { connectRemote, DlvProcess } from './dlvProcess';
import { GoDlvArgs, planLaunch } from './launchArgs';
import { DelveScripts } from './script/delveScripts';
import { scriptHost } from './script/host';
import { AfterStopWork } from './afterStop';
import { StopFlow } from './stopFlow';
import { UserError } from './userError';
import type { Watchdog } from './watchdog';

/** 'gone': dlv died on its own; every request is answered at once until the client leaves. */
type State = 'idle' | 'starting' | 'running' | 'gone' | 'ended';

/**
 * One debug session: the client's DAP on one side, one `dlv dap` on the other. Standard
 * requests, responses and events pass through as they are, with only sequence numbers
 * rewritten (the adapter also talks to dlv itself, for capture). The adapter acts on
 * initialize (answered before dlv exists), launch/attach (dlv is found, checked and started
 * here), disconnect (dlv is stopped), goProfile.* requests and stop events (capture).
 */
export class GoDlvSession extends DebugSession {
  private state: State = 'idle';
  private dlv?: DlvProcess;
  private channel?: DlvChannel;
  private tempDir?: string;
  private clientInit: DebugProtocol.InitializeRequestArguments = { adapterID: DEBUG_TYPE, pathFormat: 'path', linesStartAt1: true, columnsStartAt1: true };
  private readonly queued: DebugProtocol.Request[] = [];
  private terminatedSent = false;
  private readonly capture: CaptureController;
  private readonly scripts: DelveScripts;
  /** Ending a CPU recording at a stop waits until the client has seen the stop. */
  private readonly afterStop: AfterStopWork;
  private readonly stops: StopFlow;
  private captureDisposed?: Promise<void>;
  private ended?: Promise<void>;
  private startup: Promise<void> = Promise.resolve();
  /** Set once the client asked dlv to end: its connection closing is then expected. */
  private disconnecting = false;
  /** Files capture may leave half-written; the watchdog removes them if the adapter is killed. */
  private readonly tempFiles = new Set<string>();
  private goneReason = 'Delve has exited.'; // why requests fail once dlv has died
  /** Compile errors reach the user as errors at their lines, never as dlv's go command. */
  private readonly build = new BuildReport((event, body) => this.sendEvent(new Event(event, body)));

  constructor(private readonly watchdog: Watchdog) {
    super();
    this.capture = createCaptureController(this.captureHost());
    this.scripts = new DelveScripts(scriptHost(this.captureHost(), this.capture, (e) => this.sendEvent(e)));
    this.afterStop = new AfterStopWork(() => this.capture.finishStopWork(), () => !this.channel?.waiting, (r, reason) => this.respond(r, { message: `The adapter failed on this request: ${reason}` }));
    this.stops = new StopFlow({ capture: this.capture, scripts: this.scripts, afterStop: this.afterStop, send: (e) => this.sendEvent(e), deliver: (m) => this.deliver(m) });
  }

  override handleMessage(message: DebugProtocol.ProtocolMessage): void {
    if (message.type === 'request') {
      this.onClientRequest(message as DebugProtocol.Request);
    } else {
      super.handleMessage(message);
    }
  }

  /**
   * Ends dlv and the debuggee before the process may exit (stdin closed, SIGTERM, disconnect),
   * after a launch still in progress has settled, so a dlv it is starting is not missed.
   */
  override shutdown(): void {
    void this.startup.then(() => this.end()).then(() => this.afterEnd());
  }

  /** DebugSession's: a standalone adapter's process exits (with code 0), an inline one stays. */
  protected afterEnd(): void {
    super.shutdown();
  }

  /** VS Code disposes an inline adapter when its session is gone, with or without disconnect. */
  override dispose(): void {
    this.shutdown();
  }

  private onClientRequest(request: DebugProtocol.Request): void {
    this.afterStop.pass(request, (r) => this.handleClientRequest(r));
  }

  private handleClientRequest(request: DebugProtocol.Request): void {
    if (this.state === 'gone' && request.command !== 'disconnect') {
      this.respond(request, { message: this.goneReason });
      return;
    }
    // Delve scripts (initScript, goDlv.runScript) merge their breakpoints with the client's.
    if (this.scripts.handleRequest(request, (outcome) => this.respond(request, outcome))) {
      return;
    }
    switch (request.command) {
      case 'initialize':
        this.clientInit = { ...this.clientInit, ...request.arguments };
        this.respond(request, { body: DLV_CAPABILITIES });
        return;
      case 'launch':
      case 'attach':
        if (this.state === 'idle') {
          this.startup = this.launchOrAttach(request);
        } else {
          this.respond(request, { message: `${request.command}: the session has already started.` });
        }
        return;
      case 'disconnect':
        this.disconnect(request);
        return;
    }
    if (request.command.startsWith('goProfile.')) {
      void this.profileRequest(request);
    } else if (this.state === 'running') {
      if (!this.channel!.forward(request)) {
        this.respond(request, this.disconnecting ? SESSION_ENDED : { message: this.goneReason });
      }
    } else if (this.state === 'starting') {
      this.queued.push(request);
    } else if (this.state === 'ended') {
      this.respond(request, SESSION_ENDED);
    } else {
      this.respond(request, { message: 'No Go program is being debugged: launch or attach first.' });
    }
  }

  private async launchOrAttach(request: DebugProtocol.Request): Promise<void> {
    this.state = 'starting';
    try {
      const plan = await planLaunch({ ...request.arguments, request: request.command } as GoDlvArgs);
      if (plan.tempDir) {
        this.tempDir = plan.tempDir;
        this.watchdog.watchDir(plan.tempDir);
      }
      const started = (dlv: DlvProcess): void => {
        this.dlv = dlv;
        this.watchdog.watchPid(dlv.pid);
      };
      const connecting = plan.dlv
        ? DlvProcess.startChecked({ ...plan.dlv, socketDir: plan.tempDir, onOutput: (text) => this.sendEvent(new OutputEvent(text, 'console')) }, plan.dlv.checked, started).then((dlv) => dlv.socket)
        : connectRemote(plan.remote!.host, plan.remote!.port);
      // dlv starts while `go env` answers and capture writes its helper (bench adapter, F5);
      // both settle before either failure is reported, so a dlv that started is known to end().
      const [prepared, connected] = await Promise.allSettled([plan.ready.then(() => this.capture.prepareLaunch(plan.args)), connecting]);
      if (prepared.status === 'rejected') {
        if (connected.status === 'fulfilled') {
          connected.value.destroy();
        }
        throw prepared.reason;
      }
      if (connected.status === 'rejected') {
        throw connected.reason;
      }
      const args = prepared.value;
      const socket = connected.value;
      this.build.start(args, plan.dlv?.cwd, plan.tempDir);
      const channel = new DlvChannel(socket, { onMessage: (m) => this.fromDlv(m), onClose: (unanswered) => this.onDlvClosed(unanswered) });
      this.channel = channel;
      this.checkStillStarting();
      const capabilities = await channel.request('initialize', { ...this.clientInit, adapterID: 'go' });
      this.checkStillStarting();
      const changed = changedCapabilities((capabilities ?? {}) as DebugProtocol.Capabilities);
      if (changed) {
        this.sendEvent(new Event('capabilities', { capabilities: changed }));
      }
      this.state = 'running';
      channel.forward({ ...request, arguments: args as DlvLaunchArgs });
      this.queued.splice(0).forEach((r) => channel.forward(r));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.sendEvent(new OutputEvent(`${message}\n`, 'stderr'));
      this.respond(request, { message });
      this.queued.splice(0).forEach((r) => this.respond(r, { message }));
      await this.end();
      await this.release();
    }
  }

  /** The client may give up (disconnect, closed stdin) while dlv is starting. */
  private checkStillStarting(): void {
    if (this.state !== 'starting') {
      throw new UserError('The session ended while dlv was starting.');
    }
  }

  private disconnect(request: DebugProtocol.Request): void {
    const channel = this.channel;
    if (this.state !== 'running' || !channel) {
      this.state = 'ended';
      this.respond(request, {});
      this.shutdown();
      return;
    }
    const clientSeq = request.seq;
    this.disconnecting = true;
    if (!channel.forward(request)) {
      this.respond(request, {});
      this.shutdown();
      return;
    }
    // A dlv that hangs must not keep the client waiting: answer for it and clean up.
    setTimeout(() => {
      if (channel.abandon(clientSeq)) {
        this.respond({ ...request, seq: clientSeq }, {});
        this.shutdown();
      }
    }, DISCONNECT_TIMEOUT_MS).unref();
  }

  private async profileRequest(request: DebugProtocol.Request): Promise<void> {
    try {
      const body = await this.capture.handleRequest(request.command, (request.arguments ?? {}) as Record<string, unknown>);
      this.respond(request, { body });
    } catch (err) {
      this.respond(request, { message: err instanceof Error ? err.message : String(err) });
    }
  }

  private fromDlv(message: DebugProtocol.ProtocolMessage): void {
    if (!this.stops.holds(message)) {
      this.deliver(message);
    }
  }

  private deliver(message: DebugProtocol.ProtocolMessage): void {
    if (message.type === 'response') {
      this.deliverResponse(message as DebugProtocol.Response);
    } else if (message.type === 'event') {
      this.deliverEvent(message as DebugProtocol.Event);
    } else if (message.type === 'request') {
      this.reverseRequest(message as DebugProtocol.Request);
    }
  }

  private deliverResponse(response: DebugProtocol.Response): void {
    response.seq = 0;
    if (response.success && response.command === 'launch' && this.dlv) {
      // The program exists now: remember it, to end it even if dlv dies first.
      this.dlv.recordDebuggees().forEach((pid) => this.watchdog.watchPid(pid));
    }
    if (!response.success && (response.command === 'launch' || response.command === 'attach')) {
      // dlv says "Failed to launch" and puts the reason in body.error; clients that show only
      // the message (most besides VS Code) would hide it.
      response.message = errorText(response);
    }
    if (response.command === 'launch') {
      this.build.onLaunchResponse(response);
    }
    this.sendResponse(response);
    this.afterStop.answered();
    if (response.command === 'disconnect') {
      this.shutdown();
    }
  }

  private deliverEvent(event: DebugProtocol.Event): void {
    this.scripts.onEvent(event);
    switch (event.event) {
      case 'stopped':
        this.stops.hold(event as DebugProtocol.StoppedEvent);
        return;
      case 'terminated':
        this.terminatedSent = true;
        void this.disposeCapture();
        break;
      case 'exited':
        void this.disposeCapture();
        break;
      case 'output':
        this.sendEvent(this.build.onOutput(event as DebugProtocol.OutputEvent));
        return;
    }
    this.sendEvent(event);
  }

  private reverseRequest(request: DebugProtocol.Request): void {
    this.sendRequest(request.command, request.arguments, REVERSE_REQUEST_TIMEOUT_MS, (response) => this.channel?.answer(request, response));
  }

  private captureHost(): CaptureHost {
    return {
      request: (command, args) => (this.channel && this.state !== 'ended' ? this.channel.request(command, args) : Promise.reject(new Error('The debug session has ended.'))),
      sendEvent: (event, body) => this.sendEvent(new Event(event, body)),
      log: (text) => this.sendEvent(new OutputEvent(text.endsWith('\n') ? text : `${text}\n`, 'console')),
      holdsTemp: (path) => {
        this.tempFiles.add(path);
        this.watchdog.watchDir(path);
      },
    };
  }

  private onDlvClosed(unanswered: Unanswered[]): void {
    if (this.state === 'ended') {
      return;
    }
    if (this.disconnecting) {
      // dlv ended because the client asked it to: answer what it left unanswered.
      unanswered.forEach((origin) => this.respond(origin, origin.command === 'disconnect' ? {} : SESSION_ENDED));
      if (unanswered.some((origin) => origin.command === 'disconnect')) {
        this.shutdown();
      }
      this.sendTerminated();
      return;
    }
    if (this.state === 'starting') {
      // launchOrAttach sees its initialize request fail and reports that.
      return;
    }
    // dlv died on its own: from now on every request is answered at once.
    this.state = 'gone';
    const dlv = this.dlv;
    void (async () => {
      const how = dlv ? await dlv.exitWithin(DLV_DEATH_WAIT_MS) : undefined;
      const report = dlvGoneReport(how, dlv !== undefined, dlv?.endDebuggees() ?? [], dlv?.lastOutput() ?? []);
      this.goneReason = report.reason;
      unanswered.forEach((origin) => this.respond(origin, origin.command === 'disconnect' ? {} : { message: this.goneReason }));
      this.sendEvent(new OutputEvent(report.line, 'important'));
      this.sendEvent(new OutputEvent(report.detail, 'stderr'));
      await this.disposeCapture();
      this.sendTerminated();
    })();
  }

  private sendTerminated(): void {
    if (!this.terminatedSent) {
      this.terminatedSent = true;
      this.sendEvent(new TerminatedEvent());
    }
  }

  private respond(request: { seq: number; command: string }, outcome: Outcome): void {
    this.sendResponse(dapResponse(request, outcome));
  }

  private disposeCapture(): Promise<void> {
    this.afterStop.dispose();
    this.captureDisposed ??= this.capture.dispose().catch(() => undefined);
    return this.captureDisposed;
  }

  /** Runs once: capture, then dlv with the debuggee and the build directory. */
  private end(): Promise<void> {
    this.ended ??= (async () => {
      this.state = 'ended';
      await this.disposeCapture();
      await this.release();
    })();
    return this.ended;
  }

  /**
   * Stops dlv and removes the build directory. Safe to call again: a launch that was still
   * starting when the session ended calls it for what it started after end() ran.
   */
  private async release(): Promise<void> {
    const { dlv, tempDir } = this;
    this.dlv = undefined;
    this.tempDir = undefined;
    this.channel?.close();
    if (dlv) {
      await dlv.stop(DLV_EXIT_GRACE_MS);
      [dlv.pid, ...dlv.debuggeePids()].forEach((pid) => this.watchdog.forgetPid(pid));
    }
    if (tempDir) {
      rmSync(tempDir, { recursive: true, force: true });
      this.watchdog.forgetDir(tempDir);
    }
    this.tempFiles.forEach((path) => this.watchdog.forgetDir(path));
    this.tempFiles.clear();
  }
}
