import { Socket } from 'node:net';
import type { Readable, Writable } from 'node:stream';
import type { DebugProtocol } from '@vscode/debugprotocol';

const HEADER_END = Buffer.from('\r\n\r\n');
const LENGTH_PREFIX = 'content-length:';

/**
 * DAP framing over a socket to dlv (or any stream pair). Kept separate from
 * @vscode/debugadapter's ProtocolServer because that class is the client-facing side; this
 * one only moves whole messages, with Nagle off so a step's request/response pair is not
 * held back by the kernel.
 */
export class DapConnection {
  private buffer: Buffer = Buffer.alloc(0);
  private bodyLength = -1;
  private closed = false;

  private readonly output: Writable;

  constructor(
    input: Socket | Readable,
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
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.bodyLength < 0) {
        const end = this.buffer.indexOf(HEADER_END);
        if (end < 0) {
          return;
        }
        this.bodyLength = parseContentLength(this.buffer.toString('ascii', 0, end));
        this.buffer = this.buffer.subarray(end + HEADER_END.length);
      }
      if (this.buffer.length < this.bodyLength) {
        return;
      }
      const body = this.buffer.toString('utf8', 0, this.bodyLength);
      this.buffer = this.buffer.subarray(this.bodyLength);
      this.bodyLength = -1;
      onMessage(JSON.parse(body) as DebugProtocol.ProtocolMessage);
    }
  }
}

function parseContentLength(header: string): number {
  for (const line of header.split('\r\n')) {
    if (line.toLowerCase().startsWith(LENGTH_PREFIX)) {
      return Number(line.slice(LENGTH_PREFIX.length).trim());
    }
  }
  throw new Error(`DAP header without Content-Length: ${header}`);
}
