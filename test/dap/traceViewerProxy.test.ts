// The proxy in front of Go's trace viewer, on the pages a real `go tool trace` serves for a real
// trace: under the prefix '/' it changes nothing; under code-server's /proxy/PORT/ the pages
// differ from the viewer's only by that prefix on their absolute links, and every link leads to
// a page the viewer serves.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { once } from 'node:events';
import { ROOT, toolEnv } from './harness';
import { startTraceViewer, type TraceViewer } from '../../src/traces/traceViewer';
import { startTraceViewerProxy } from '../../src/traces/traceViewerProxy';

const PREFIX = '/proxy/4242/';

interface Got {
  status: number;
  type: string;
  body: string;
  location: string | null;
}

async function get(url: string): Promise<Got> {
  const r = await fetch(url, { redirect: 'manual' });
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text(), location: r.headers.get('location') };
}

/** The URLs a page of the viewer points at: tag attributes, the trace page's data URL, the MMU details' links. */
function linksOf(body: string): string[] {
  const decode = (s: string): string => s.replace(/&amp;/g, '&').replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n)));
  const links: string[] = [];
  for (const tag of body.match(/<[a-zA-Z][^<>]*>/g) ?? []) {
    for (const m of tag.matchAll(/\s(?:href|src|action)=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      links.push(decode(m[1] ?? m[2] ?? m[3]));
    }
  }
  for (const m of body.matchAll(/url = '([^']*jsontrace\?[^']*)'/g)) {
    links.push(m[1]);
  }
  for (const m of body.matchAll(/"URL":"([^"]*)"/g)) {
    links.push(JSON.parse(`"${m[1]}"`) as string);
  }
  return links;
}

const sameOrigin = (link: string): boolean => link.startsWith('/') && !link.startsWith('//');

/** Lines in order: the goroutine table's order changes from one request to the next. */
const lines = (body: string): string[] => body.split('\n').sort();

/** One link per kind: the path and the names of its parameters (each graph link runs go tool pprof). */
function route(link: string): string {
  const url = new URL(link, 'http://x');
  return `${url.pathname}?${[...url.searchParams.keys()].sort().join('&')}`;
}

/** Pages with absolute links of every kind the viewer writes: attributes, unquoted histogram links, the form, the data URL, JSON. */
const PAGES = ['/', '/trace?view=proc', '/goroutines', '/usertasks', '/usertask?type=batch', '/userregions', '/mmu?mode=details&window=1000000&flags='];

let dir = '';
let viewer: TraceViewer;

describe('trace viewer proxy on the real viewer\'s pages', { timeout: 180_000 }, () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'trace-proxy-test-'));
    const tracePath = join(dir, 'short.trace');
    execFileSync('go', ['run', '.', tracePath], { cwd: join(ROOT, 'test', 'fixtures', 'trace', 'gen'), env: toolEnv(), stdio: 'pipe' });
    viewer = await startTraceViewer(tracePath, toolEnv());
  });

  after(async () => {
    await viewer?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('under the prefix /, every page passes through unchanged', async () => {
    viewer.setExternalPath('/');
    for (const path of [...PAGES, '/static/webcomponents.min.js', '/jsontrace?view=proc']) {
      const [direct, proxied] = await Promise.all([get(viewer.viewerUrl + path), get(viewer.url + path)]);
      assert.equal(direct.status, 200, path);
      assert.deepEqual({ ...proxied, body: lines(proxied.body) }, { ...direct, body: lines(direct.body) }, path);
    }
  });

  test('under /proxy/PORT/, pages differ from the viewer\'s only by the prefix on their absolute links', async () => {
    viewer.setExternalPath(PREFIX);
    for (const path of PAGES) {
      const [direct, proxied] = await Promise.all([get(viewer.viewerUrl + path), get(viewer.url + path)]);
      assert.equal(proxied.status, 200, path);
      assert.ok(linksOf(direct.body).some(sameOrigin), `${path} has absolute links to rewrite`);
      const outside = linksOf(proxied.body).filter((l) => sameOrigin(l) && !l.startsWith(PREFIX));
      assert.deepEqual(outside, [], `${path}: links that leave the prefix`);
      assert.deepEqual(lines(proxied.body.split(PREFIX).join('/')), lines(direct.body), `${path}: nothing but the prefix changed`);
    }
  });

  test('every link reached from the main page under /proxy/PORT/ leads to a page the viewer serves', async () => {
    viewer.setExternalPath(PREFIX);
    // As code-server's /proxy/PORT/ forwards: the prefix taken off.
    const seen = new Set<string>();
    const routes = new Set<string>();
    let frontier = [PREFIX];
    for (let depth = 0; depth < 4 && frontier.length; depth++) {
      const next: string[] = [];
      for (const link of frontier) {
        if (routes.has(route(link))) {
          continue;
        }
        routes.add(route(link));
        seen.add(link);
        const page = await get(viewer.url + link.slice(PREFIX.length - 1));
        // The pprof graphs need Graphviz's dot; without it the viewer itself says so.
        const ok = page.status === 200 || (page.status === 500 && /Graphviz/.test(page.body));
        assert.ok(ok, `${link}: ${page.status} ${page.body.slice(0, 200)}`);
        if (/^text\/html/.test(page.type) && !link.startsWith(`${PREFIX}static/`)) {
          next.push(...linksOf(page.body).filter((l) => sameOrigin(l) && !seen.has(l)));
        }
      }
      frontier = [...new Set(next)];
    }
    for (const expected of ['trace?view=proc', 'goroutines', 'static/trace_viewer_full.html', 'jsontrace?view=proc', 'usertask?type=batch', 'goroutine?name=']) {
      assert.ok([...seen].some((l) => l.startsWith(PREFIX + expected)), `reached ${expected}: ${[...seen].join(' ')}`);
    }
  });

  test('a request that keeps the prefix (code-server\'s /absproxy/PORT/) reaches the same page', async () => {
    viewer.setExternalPath(PREFIX);
    const [kept, stripped] = await Promise.all([get(`${viewer.url}${PREFIX}goroutines`), get(`${viewer.url}/goroutines`)]);
    assert.equal(kept.status, 200);
    assert.deepEqual(lines(kept.body), lines(stripped.body));
    assert.equal((await get(viewer.url + PREFIX.slice(0, -1))).body, (await get(`${viewer.url}/`)).body);
  });

  test('a redirect to an absolute path stays under the prefix', async () => {
    viewer.setExternalPath(PREFIX);
    const r = await get(`${viewer.url}/static`);
    assert.equal(r.status, 307);
    assert.equal(r.location, `${PREFIX}static/`);
  });

  test('with the viewer gone, the proxy answers 502 and says so', async () => {
    // A port that was just free: nothing listens on it.
    const probe = createServer().listen(0, '127.0.0.1');
    await once(probe, 'listening');
    const { port } = probe.address() as AddressInfo;
    await new Promise((done) => probe.close(done));
    const orphan = await startTraceViewerProxy(`http://127.0.0.1:${port}`);
    try {
      const r = await get(`${orphan.url}/`);
      assert.equal(r.status, 502);
      assert.equal(r.body, 'Go\'s trace viewer is not running.');
    } finally {
      await orphan.close();
    }
  });
});
