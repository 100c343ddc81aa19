import type { DebugProtocol } from '@vscode/debugprotocol';
import { DapFrameReader, FrameSink, FramingError } from './dapFrames';

export interface ClientStreamHandlers extends FrameSink {
  /** The stream cannot be read further: the adapter must stop. */
  fatal(reason: string): void;
  /** The client closed its end. */
  closed(): void;
}

/**
 * Reads the client's DAP for a standalone adapter (stdin). @vscode/debugadapter's own reader
 * is not used for input: a `Content-Length: abc` leaves it deaf to every later message, a
 * body that is not JSON ends the process with exit code 0 and no word, and a declared length
 * of 2^40 is buffered for as long as bytes come.
 */
export function readClient(input: NodeJS.ReadableStream, handlers: ClientStreamHandlers): void {
  const reader = new DapFrameReader();
  let stopped = false;
  input.on('data', (chunk: Buffer) => {
    if (stopped) {
      return;
    }
    try {
      reader.push(chunk, handlers);
    } catch (err) {
      if (!(err instanceof FramingError)) {
        throw err;
      }
      stopped = true;
      handlers.fatal(err.message);
    }
  });
  input.on('error', (err: Error) => {
    if (!stopped) {
      stopped = true;
      handlers.fatal(`cannot read the client's messages: ${err.message}`);
    }
  });
  input.on('close', () => handlers.closed());
}

/** The failure response to a request that could not be handled. */
export function failure(request: { seq: number; command: string }, message: string): DebugProtocol.Response {
  return {
    seq: 0,
    type: 'response',
    request_seq: request.seq,
    command: request.command,
    success: false,
    message,
    // VS Code shows body.error to the user; {name} would be read as a placeholder.
    body: { error: { id: 3000, format: message.replace(/[{}]/g, ''), showUser: true } },
  };
}
