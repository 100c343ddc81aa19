import type { Socket } from 'node:net';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DapConnection } from './dapConnection';

/** A client request forwarded to dlv and not yet answered. */
export interface Unanswered {
  seq: number;
  command: string;
}

export interface ChannelHandlers {
  /** Events, reverse requests, and responses to forwarded requests (already carrying the client's seq). */
  onMessage(message: DebugProtocol.ProtocolMessage): void;
  /** dlv's connection closed; these forwarded requests will never be answered. */
  onClose(unanswered: Unanswered[]): void;
}

/**
 * The adapter's conversation with one dlv. Client requests are forwarded as they are with
 * only `seq` renumbered (the adapter sends requests of its own on the same connection), and
 * dlv's responses get the client's `request_seq` back. Responses to the adapter's own
 * requests never reach the client.
 */
export class DlvChannel {
  private nextSeq = 1;
  private readonly forwarded = new Map<number, Unanswered>();
  private readonly own = new Map<number, (response: DebugProtocol.Response) => void>();
  private readonly conn: DapConnection;
  private closed = false;

  constructor(socket: Socket, private readonly handlers: ChannelHandlers) {
    this.conn = new DapConnection(socket, (m) => this.receive(m), () => this.onClose());
  }

  /**
   * Sends a client request on; it is changed in place (no copy on the hot path). False when
   * dlv's connection is closed: then nothing will answer it.
   */
  forward(request: DebugProtocol.Request): boolean {
    if (this.closed) {
      return false;
    }
    const seq = this.nextSeq++;
    this.forwarded.set(seq, { seq: request.seq, command: request.command });
    request.seq = seq;
    this.conn.send(request);
    return true;
  }

  /** A request of the adapter's own: resolves with the body, rejects with dlv's message. */
  request(command: string, args: object): Promise<unknown> {
    if (this.closed) {
      return Promise.reject(new Error('dlv has exited.'));
    }
    const bad = nonIntegerId(args);
    if (bad) {
      // dlv's JSON decoder fails on it and dlv ends the whole session: never send it.
      return Promise.reject(new Error(`${command}: ${bad} must be an integer.`));
    }
    return new Promise((resolve, reject) => {
      const seq = this.nextSeq++;
      this.own.set(seq, (response) => (response.success ? resolve(response.body) : reject(new Error(errorText(response) || `${command} failed`))));
      this.conn.send({ seq, type: 'request', command, arguments: args } as DebugProtocol.Request);
    });
  }

  /** How many client requests wait for dlv's answer. */
  get waiting(): number {
    return this.forwarded.size;
  }

  /** Answers a reverse request from dlv (e.g. runInTerminal) with the client's response. */
  answer(request: DebugProtocol.Request, response: DebugProtocol.Response): void {
    this.conn.send({ ...response, seq: this.nextSeq++, request_seq: request.seq } as DebugProtocol.Response);
  }

  /** Stops waiting for dlv's answer to a client request; true if it was still pending. */
  abandon(clientSeq: number): boolean {
    for (const [seq, origin] of this.forwarded) {
      if (origin.seq === clientSeq) {
        this.forwarded.delete(seq);
        return true;
      }
    }
    return false;
  }

  close(): void {
    this.conn.close();
  }

  private receive(message: DebugProtocol.ProtocolMessage): void {
    if (message.type === 'response') {
      const response = message as DebugProtocol.Response;
      const mine = this.own.get(response.request_seq);
      if (mine) {
        this.own.delete(response.request_seq);
        mine(response);
        return;
      }
      const origin = this.forwarded.get(response.request_seq);
      if (!origin) {
        return;
      }
      this.forwarded.delete(response.request_seq);
      response.request_seq = origin.seq;
    }
    this.handlers.onMessage(message);
  }

  private onClose(): void {
    this.closed = true;
    const failure = { success: false, message: 'dlv has exited.' } as DebugProtocol.Response;
    this.own.forEach((callback) => callback(failure));
    this.own.clear();
    const unanswered = [...this.forwarded.values()];
    this.forwarded.clear();
    this.handlers.onClose(unanswered);
  }
}

/** dlv puts the useful part of an error in body.error.format and a generic one in message. */
export function errorText(response: DebugProtocol.Response): string | undefined {
  return (response.body as { error?: { format?: string } } | undefined)?.error?.format ?? response.message;
}

/** DAP fields dlv decodes into Go integers. */
const INTEGER_FIELDS = ['threadId', 'frameId', 'variablesReference', 'startFrame', 'levels', 'count', 'offset', 'instructionCount'] as const;

/** The first integer field of `args` that holds something else, if any. */
function nonIntegerId(args: object): string | undefined {
  const fields = args as Record<string, unknown>;
  return INTEGER_FIELDS.find((key) => fields[key] !== undefined && !Number.isSafeInteger(fields[key]));
}
