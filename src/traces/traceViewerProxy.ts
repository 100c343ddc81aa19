/**
 * A loopback reverse proxy in front of Go's trace viewer, so the viewer also works when the
 * editor reaches it under a path prefix (code-server's /proxy/PORT/): the viewer's pages link
 * by absolute path, and the proxy rewrites those links to stay under the prefix
 * (traceViewerRewrite). With the prefix '/' (desktop VS Code, port forwarding) everything passes
 * through unchanged.
 */
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { normalizePrefix, rewriteBody, rewriteKind, rewriteLocation, upstreamPath } from './traceViewerRewrite';

export interface TraceViewerProxy {
  /** e.g. http://127.0.0.1:40123 */
  readonly url: string;
  /** The path the proxy's root is reached at from outside, e.g. '/proxy/40123/'. */
  setPrefix(path: string): void;
  close(): Promise<void>;
}

/** Headers about one connection, not the message: each side of the proxy has its own. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection'];

/** Proxies to `target`, a viewer at http://127.0.0.1:PORT, from 127.0.0.1 on an OS-chosen port. */
export async function startTraceViewerProxy(target: string): Promise<TraceViewerProxy> {
  const upstream = new URL(target);
  let prefix = '/';
  const server = createServer((req, res) => forward(req, res, upstream, prefix));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const closed = new Promise<void>((done) => server.once('close', () => done()));
  return {
    url: `http://127.0.0.1:${port}`,
    setPrefix: (path) => {
      prefix = normalizePrefix(path);
    },
    close: async () => {
      if (server.listening) {
        server.close();
        server.closeAllConnections();
      }
      await closed;
    },
  };
}

function forward(req: IncomingMessage, res: ServerResponse, upstream: URL, prefix: string): void {
  const path = upstreamPath(req.url ?? '/', prefix);
  const headers = withoutHopByHop(req.headers);
  // Bodies to rewrite must arrive as plain text; the viewer does not compress anyway.
  headers['accept-encoding'] = 'identity';
  headers.host = upstream.host;
  const out = request({ hostname: upstream.hostname, port: upstream.port, path, method: req.method, headers, agent: false }, (answer) => {
    const back = withoutHopByHop(answer.headers);
    if (typeof back.location === 'string') {
      back.location = rewriteLocation(back.location, prefix);
    }
    const kind = prefix === '/' ? undefined : rewriteKind(path, answer.headers['content-type']);
    if (!kind) {
      res.writeHead(answer.statusCode ?? 502, back);
      answer.pipe(res);
      return;
    }
    const chunks: Buffer[] = [];
    answer.on('data', (c: Buffer) => chunks.push(c));
    answer.on('end', () => {
      const body = Buffer.from(rewriteBody(kind, Buffer.concat(chunks).toString('utf8'), prefix), 'utf8');
      res.writeHead(answer.statusCode ?? 502, { ...back, 'content-length': String(body.length) });
      res.end(body);
    });
    answer.on('error', () => res.destroy());
  });
  // A page left mid-download (the trace data is large) stops the viewer's side of it too.
  res.once('close', () => out.destroy());
  out.on('error', () => {
    if (res.headersSent) {
      res.destroy();
    } else if (!res.destroyed) {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Go\'s trace viewer is not running.');
    }
  });
  req.pipe(out);
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  for (const name of HOP_BY_HOP) {
    delete copy[name];
  }
  return copy;
}
