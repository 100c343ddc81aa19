/**
 * The webview page: an empty shell with a strict Content-Security-Policy. Scripts and
 * styles load only from the extension (webview.cspSource) and the one script carries a
 * fresh nonce; no inline script, no eval, no remote content. The profile itself arrives
 * later by postMessage, so nothing from it is ever part of this HTML.
 */
import { randomBytes } from 'node:crypto';

export interface PageResources {
  /** webview.cspSource */
  readonly cspSource: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64').replace(/[+/=]/g, '');
}

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => escapes[c]);
}

/** Every page's policy: nothing but what `allowed` lists, and no base URL or form target. */
export function strictPolicy(allowed: readonly string[]): string {
  return ["default-src 'none'", ...allowed, "base-uri 'none'", "form-action 'none'"].join('; ');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return strictPolicy([`script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `img-src ${cspSource} data:`, `font-src ${cspSource}`]);
}

export function renderPage(r: PageResources, nonce = newNonce()): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(r.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(r.styleUri)}">
<title>${escapeHtml(r.title)}</title>
</head>
<body>
<script nonce="${nonce}" src="${escapeHtml(r.scriptUri)}"></script>
</body>
</html>
`;
}
