import { PassThrough } from 'node:stream';
import { OutputEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { failure, readClient } from './clientStream';
import { GoDlvSession } from './session';

/**
 * The session of a standalone adapter process (DAP on stdin/stdout). The client's messages
 * are read by clientStream (see why there); ProtocolServer only writes, so it is given an
 * input that never speaks. Whatever cannot be read is answered or logged on stderr, and a
 * stream that cannot be read on ends the session and the process with a non-zero exit code.
 */
export class StandaloneSession extends GoDlvSession {
  private exitCode = 0;

  override start(input: NodeJS.ReadableStream, output: NodeJS.WritableStream): void {
    super.start(new PassThrough(), output);
    readClient(input, {
      message: (m) => this.receive(m),
      unreadable: (reason, request) => {
        process.stderr.write(`go-dlv adapter: ${reason}\n`);
        if (request) {
          this.sendResponse(failure(request, `The adapter could not read this request: ${reason}`));
        }
      },
      fatal: (reason) => this.fatal(reason),
      closed: () => this.shutdown(),
    });
  }

  protected override afterEnd(): void {
    // A moment for the last messages to be written, as DebugSession does.
    setTimeout(() => process.exit(this.exitCode), 100);
  }

  /** One line on stderr, dlv and the program ended, then exit non-zero. */
  fatal(reason: string): void {
    process.stderr.write(`go-dlv adapter: ${reason}; stopping.\n`);
    this.sendEvent(new OutputEvent(`The go-dlv adapter stopped: ${reason}.\n`, 'important'));
    this.exitCode = 1;
    this.shutdown();
  }

  /** One message from the client; a request the adapter fails on is still answered. */
  private receive(message: DebugProtocol.ProtocolMessage): void {
    try {
      this.handleMessage(message);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      process.stderr.write(`go-dlv adapter: failed on a ${message.type}: ${reason}\n`);
      if (message.type === 'request') {
        this.sendResponse(failure(message as DebugProtocol.Request, `The adapter failed on this request: ${reason}`));
      }
    }
  }
}
