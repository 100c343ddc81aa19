/**
 * The page of the speedscope panel: speedscope's own app (shipped in out/speedscope) inside a
 * VS Code webview, so "Open in speedscope" works where the user's browser cannot read the
 * extension host's files (code-server, remote windows). A small loader script runs first and
 * points speedscope at the exported profile through its `#profileURL` hash parameter; the profile
 * is fetched from the webview's own resources, never spliced into this HTML.
 *
 * Speedscope styles itself at run time with injected <style> elements, so its page allows inline
 * styles; scripts stay nonce-only (no eval) and nothing loads from outside the extension.
 */
import { escapeHtml, newNonce, strictPolicy } from '../shared/html';

export interface SpeedscopeAssets {
  readonly scripts: readonly string[];
  readonly styles: readonly string[];
}

/** The script and stylesheet file names speedscope's index.html loads (their names carry a build hash). */
export function speedscopeAssets(indexHtml: string): SpeedscopeAssets {
  const scripts = [...indexHtml.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  const styles = [...indexHtml.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
  if (scripts.length === 0) {
    throw new Error('the speedscope app in this installation has no script');
  }
  return { scripts, styles };
}

export interface SpeedscopePageResources {
  /** webview.cspSource */
  readonly cspSource: string;
  /** The webview URI of the speedscope app's folder, ending in '/'. */
  readonly appUri: string;
  readonly assets: SpeedscopeAssets;
  readonly loaderUri: string;
  /** The webview URI of the exported profile (speedscope's JSON format). */
  readonly profileUri: string;
  readonly title: string;
}

export function speedscopePolicy(cspSource: string, nonce: string): string {
  return strictPolicy([
    // speedscope compiles its bundled WebAssembly importer at start-up; this allows that and not eval.
    `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `img-src ${cspSource} data: blob:`,
    `font-src ${cspSource} data:`,
    `connect-src ${cspSource}`,
  ]);
}

export function renderSpeedscopePage(r: SpeedscopePageResources, nonce = newNonce()): string {
  const app = (name: string): string => escapeHtml(new URL(name, r.appUri).toString());
  const styles = r.assets.styles.map((s) => `<link rel="stylesheet" href="${app(s)}">`).join('\n');
  const scripts = r.assets.scripts.map((s) => `<script nonce="${nonce}" src="${app(s)}"></script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(speedscopePolicy(r.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${escapeHtml(r.title)}</title>
</head>
<body>
<script nonce="${nonce}" src="${escapeHtml(r.loaderUri)}" data-profile="${escapeHtml(r.profileUri)}" data-title="${escapeHtml(r.title)}"></script>
${scripts}
</body>
</html>
`;
}
