/**
 * Go's trace viewer links its pages by absolute path (/trace, /goroutines, /static/...). Reached
 * under a path prefix, as code-server's /proxy/PORT/ serves it, those paths leave the prefix and
 * hit the editor's server instead. These functions put the prefix back into exactly the places
 * Go 1.26's `go tool trace` writes such paths:
 *  - href/src/action attributes of the tags of its HTML pages (quoted or not: the histograms
 *    write `<a href=/userregion?...>`);
 *  - the trace page's script, which loads `'/jsontrace?...'`;
 *  - the URL field of /mmu's JSON details, used as link targets;
 *  - redirects (Location).
 * /static/ (the catapult bundle and its polyfill) and /jsontrace (trace data) hold no such
 * paths and pass through untouched.
 */

/** A prefix as rewritten into pages: leading and trailing slash, and no character that would need escaping in HTML, JS or JSON strings. */
export function normalizePrefix(path: string): string {
  const safe = path.replace(/[^A-Za-z0-9\-._~%/]/g, percentEncode);
  const lead = safe.startsWith('/') ? safe : `/${safe}`;
  return lead.endsWith('/') ? lead : `${lead}/`;
}

function percentEncode(c: string): string {
  return [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}

/**
 * The path to ask the viewer for. Most proxies strip the prefix before forwarding (code-server's
 * /proxy/PORT/); some keep it (code-server's /absproxy/PORT/), and then it is taken off here.
 */
export function upstreamPath(url: string, prefix: string): string {
  if (prefix === '/') {
    return url;
  }
  if (url.startsWith(prefix)) {
    return `/${url.slice(prefix.length)}`;
  }
  return url === prefix.slice(0, -1) ? '/' : url;
}

export type RewriteKind = 'html' | 'mmuJson';

/** Which rewriting a response of the viewer needs, from its request path and content type. */
export function rewriteKind(path: string, contentType: string | undefined): RewriteKind | undefined {
  const pathname = path.split('?')[0];
  if (pathname.startsWith('/static/')) {
    return undefined;
  }
  if (/^text\/html\b/i.test(contentType ?? '')) {
    return 'html';
  }
  return pathname === '/mmu' ? 'mmuJson' : undefined;
}

// An absolute same-origin path starts with one slash: `//host/...` is another origin.
const TAG = /<[a-zA-Z][^<>]*>/g;
const TAG_URL_ATTR = /(\s(?:href|src|action)=)(["']?)\/(?!\/)/gi;
const JSONTRACE_LITERAL = /'\/jsontrace\?/g;
const MMU_URL_FIELD = /("URL":")\/(?!\/)/g;
const ABSOLUTE_PATH = /^\/(?!\/)/;

export function rewriteBody(kind: RewriteKind, body: string, prefix: string): string {
  if (prefix === '/') {
    return body;
  }
  if (kind === 'mmuJson') {
    return body.replace(MMU_URL_FIELD, (_m, field: string) => `${field}${prefix}`);
  }
  // Only inside tags: text the viewer shows (log messages, names) is HTML-escaped, so it holds no tag.
  return body
    .replace(TAG, (tag) => tag.replace(TAG_URL_ATTR, (_m, attr: string, quote: string) => `${attr}${quote}${prefix}`))
    .replace(JSONTRACE_LITERAL, `'${prefix}jsontrace?`);
}

/** A redirect to an absolute path stays under the prefix. */
export function rewriteLocation(location: string, prefix: string): string {
  return prefix !== '/' && ABSOLUTE_PATH.test(location) ? `${prefix}${location.slice(1)}` : location;
}
