import type { DebugProtocol } from '@vscode/debugprotocol';

/**
 * The largest DAP message read from the client or from dlv. The biggest real ones are
 * setBreakpoints with thousands of lines or a long evaluate result: a few MiB at most. A
 * bigger declared length is refused before anything is buffered.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
/** A header is a line or two; this much without its blank line is not DAP. */
const MAX_HEADER_BYTES = 8 * 1024;
const HEADER_END = Buffer.from('\r\n\r\n');
const LENGTH_FIELD = 'content-length:';
const LENGTH_FIELD_BYTES = Buffer.from('Content-Length:');

/** The stream cannot be read any further (a message over the limit, a header that never ends). */
export class FramingError extends Error {}

export interface FrameSink {
  message(message: DebugProtocol.ProtocolMessage): void;
  /**
   * A message that was skipped: a header without a usable Content-Length (reading goes on at
   * the next header) or a body that is not a DAP message. `seq` and `command` are set when the
   * body was a request that can still be answered.
   */
  unreadable(reason: string, request?: { seq: number; command: string }): void;
}

/**
 * Splits a byte stream into DAP messages (`Content-Length: N\r\n\r\n` + N bytes of JSON).
 * Unlike @vscode/debugadapter's ProtocolServer, a bad length does not leave the reader
 * waiting for a message that never ends (it resynchronises at the next header), a body that
 * is not JSON is reported rather than dropped, and a declared length over the limit stops
 * the stream instead of buffering it.
 */
export class DapFrameReader {
  private buffer: Buffer = Buffer.alloc(0);
  private bodyLength = -1;
  /** After a bad header: skipping to the next `Content-Length:`. */
  private resyncing = false;

  constructor(private readonly maxBytes = MAX_MESSAGE_BYTES) {}

  /** Feeds a chunk; throws FramingError when the stream must stop. */
  push(chunk: Buffer, sink: FrameSink): void {
    this.buffer = this.buffer.length ? Buffer.concat([this.buffer, chunk]) : chunk;
    for (;;) {
      if (this.resyncing && !this.skipToHeader()) {
        return;
      }
      if (this.bodyLength < 0) {
        const end = this.buffer.indexOf(HEADER_END);
        if (end < 0) {
          if (this.buffer.length > MAX_HEADER_BYTES) {
            throw new FramingError(`no DAP header end within ${MAX_HEADER_BYTES} bytes`);
          }
          return;
        }
        const header = this.buffer.toString('latin1', 0, end);
        this.buffer = this.buffer.subarray(end + HEADER_END.length);
        const length = contentLength(header);
        if (typeof length === 'string') {
          this.resyncing = true;
          sink.unreadable(length);
          continue;
        }
        if (length > this.maxBytes) {
          throw new FramingError(`a DAP message of ${length} bytes is over the ${this.maxBytes}-byte limit`);
        }
        this.bodyLength = length;
      }
      if (this.buffer.length < this.bodyLength) {
        return;
      }
      const body = this.buffer.toString('utf8', 0, this.bodyLength);
      this.buffer = this.buffer.subarray(this.bodyLength);
      this.bodyLength = -1;
      deliver(body, sink);
    }
  }

  /** Drops bytes up to the next header; false while none has arrived yet. */
  private skipToHeader(): boolean {
    const at = this.buffer.indexOf(LENGTH_FIELD_BYTES);
    if (at < 0) {
      // Keep a tail that may be the start of the field name split across chunks.
      this.buffer = this.buffer.subarray(Math.max(0, this.buffer.length - LENGTH_FIELD_BYTES.length));
      return false;
    }
    this.buffer = this.buffer.subarray(at);
    this.resyncing = false;
    return true;
  }
}

/** The declared length, or why there is none. */
function contentLength(header: string): number | string {
  for (const line of header.split('\r\n')) {
    if (line.toLowerCase().startsWith(LENGTH_FIELD)) {
      const value = line.slice(LENGTH_FIELD.length).trim();
      if (/^\d{1,16}$/.test(value)) {
        return Number(value);
      }
      return `skipped a DAP message with a bad length (${JSON.stringify(printable(line))})`;
    }
  }
  return `skipped a DAP message without Content-Length (header ${JSON.stringify(printable(header))})`;
}

function deliver(body: string, sink: FrameSink): void {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    sink.unreadable(`a DAP message is not JSON (${(err as Error).message}): ${JSON.stringify(printable(body))}`);
    return;
  }
  const problem = shapeProblem(value);
  if (!problem) {
    sink.message(value as DebugProtocol.ProtocolMessage);
    return;
  }
  const m = value as { seq?: unknown; command?: unknown; type?: unknown };
  const answerable = m.type === 'request' && Number.isSafeInteger(m.seq) && typeof m.command === 'string';
  sink.unreadable(`a DAP message ${problem}`, answerable ? { seq: m.seq as number, command: m.command as string } : undefined);
}

/** What makes a parsed body not a DAP message, if anything. */
function shapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'is not a JSON object';
  }
  const m = value as Record<string, unknown>;
  if (!Number.isSafeInteger(m.seq)) {
    return 'has no integer seq';
  }
  switch (m.type) {
    case 'request':
      if (typeof m.command !== 'string') {
        return 'is a request without a command';
      }
      if (m.arguments !== undefined && (typeof m.arguments !== 'object' || m.arguments === null || Array.isArray(m.arguments))) {
        return `has arguments that are not an object (${m.command})`;
      }
      return undefined;
    case 'response':
      return typeof m.command === 'string' && Number.isSafeInteger(m.request_seq) ? undefined : 'is a response without command or request_seq';
    case 'event':
      return typeof m.event === 'string' ? undefined : 'is an event without a name';
    default:
      return `has an unknown type ${JSON.stringify(m.type)}`;
  }
}

/** At most 120 characters of something received, for a one-line message. */
function printable(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
