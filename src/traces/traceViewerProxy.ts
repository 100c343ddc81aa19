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
  /**
   * The path the proxy's root is reached at from outside, e.g. '/proxy/40123/', and the host
   * (e.g. code-server's 'example.com:8080') it is reached through, besides loopback names.
   */
  setPrefix(path: string, externalHost?: string): void;
  close(): Promise<void>;
}

/** Headers about one connection, not the message: each side of the proxy has its own. */
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection'];

/** Proxies to `target`, a viewer at http://127.0.0.1:PORT, from 127.0.0.1 on an OS-chosen port. */
export async function startTraceViewerProxy(target: string): Promise<TraceViewerProxy> {
  const upstream = new URL(target);
  let prefix = '/';
  const hosts = new Set<string>();
  const server = createServer((req, res) => {
    if (!fromAllowedHost(req, hosts)) {
      // A page on another site that resolves its name to 127.0.0.1 (DNS rebinding) ends here.
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Refused: this trace viewer answers only requests for its own address.');
      return;
    }
    forward(req, res, upstream, prefix);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const closed = new Promise<void>((done) => server.once('close', () => done()));
  return {
    url: `http://127.0.0.1:${port}`,
    setPrefix: (path, externalHost) => {
      prefix = normalizePrefix(path);
      if (externalHost) {
        hosts.add(externalHost.toLowerCase());
      }
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

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Host must name this machine by a loopback name (any port: code-server may forward from its
 * own) or be the external host the editor gave; an Origin, when sent, must pass the same test.
 */
function fromAllowedHost(req: IncomingMessage, hosts: Set<string>): boolean {
  const allowed = (authority: string): boolean => {
    const host = authority.toLowerCase();
    return hosts.has(host) || LOOPBACK.has(host.replace(/:\d+$/, ''));
  };
  const host = req.headers.host;
  if (!host || !allowed(host)) {
    return false;
  }
  const origin = req.headers.origin;
  if (origin === undefined) {
    return true;
  }
  try {
    return allowed(new URL(origin).host);
  } catch {
    return false;
  }
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const copy = { ...headers };
  for (const name of HOP_BY_HOP) {
    delete copy[name];
  }
  return copy;
}
