import { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DapFrameReader, FramingError } from './dapFrames';

/**
 * DAP framing over a socket to dlv (or any stream pair). Kept separate from
 * @vscode/debugadapter's ProtocolServer because that class is the client-facing side; this
 * one only moves whole messages, with Nagle off so a step's request/response pair is not
 * held back by the kernel.
 */
export class DapConnection {
  private readonly reader = new DapFrameReader();
  private closed = false;

  private readonly output: Writable;

  constructor(
    private readonly input: Socket | Readable,
    onMessage: (message: DebugProtocol.ProtocolMessage) => void,
    onClose: () => void,
    output?: Writable,
  ) {
    this.output = output ?? (input as Socket);
    if (input instanceof Socket) {
      input.setNoDelay(true);
    }
    input.on('data', (chunk: Buffer) => this.receive(chunk, onMessage));
    input.on('close', () => {
      this.closed = true;
      onClose();
    });
    // A reset from a dying dlv is reported through 'close'; without a listener it would throw.
    input.on('error', () => undefined);
    this.output.on('error', () => undefined);
  }

  send(message: DebugProtocol.ProtocolMessage): void {
    if (this.closed) {
      return;
    }
    const json = JSON.stringify(message);
    this.output.write(`Content-Length: ${Buffer.byteLength(json, 'utf8')}\r\n\r\n${json}`, 'utf8');
  }

  close(): void {
    this.output.destroy();
  }

  private receive(chunk: Buffer, onMessage: (message: DebugProtocol.ProtocolMessage) => void): void {
    try {
      // Nothing dlv sends that cannot be read can be answered: it is dropped.
      this.reader.push(chunk, { message: onMessage, unreadable: () => undefined });
    } catch (err) {
      if (!(err instanceof FramingError)) {
        throw err;
      }
      // A stream that cannot be read further is as good as closed.
      this.input.destroy();
    }
  }
}
