// Loads the built webview bundle in headless Chromium inside a page that behaves like a
// VS Code webview: the same HTML and CSP from src/shared/html.ts, the theme's CSS
// variables and body class, and an acquireVsCodeApi stub that records posted messages.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { renderPage } from '../../src/shared/html';
import type { ViewMessage, ViewModel } from '../../src/shared/messages';

/** The repository: the nearest folder above the built file that has package.json. */
function findRoot(dir: string): string {
  return existsSync(join(dir, 'package.json')) || dirname(dir) === dir ? dir : findRoot(dirname(dir));
}

export const root = findRoot(__dirname);
export const artifacts = join(root, 'test-artifacts', 'webview');
const origin = 'https://webview.test';

export type ThemeName = 'dark' | 'light' | 'high-contrast';

const themes: Record<ThemeName, { bodyClass: string; vars: Record<string, string> }> = {
  dark: {
    bodyClass: 'vscode-dark',
    vars: {
      '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-editor-font-family': '"Droid Sans Mono", monospace',
      '--vscode-foreground': '#cccccc',
      '--vscode-descriptionForeground': '#9d9d9d',
      '--vscode-editor-background': '#1f1f1f',
      '--vscode-focusBorder': '#0078d4',
      '--vscode-input-background': '#313131',
      '--vscode-input-foreground': '#cccccc',
      '--vscode-input-border': '#3c3c3c',
      '--vscode-dropdown-background': '#313131',
      '--vscode-dropdown-foreground': '#cccccc',
      '--vscode-button-secondaryBackground': '#313131',
      '--vscode-button-secondaryForeground': '#cccccc',
      '--vscode-panel-border': '#2b2b2b',
      '--vscode-textLink-foreground': '#4daafc',
      '--vscode-list-hoverBackground': '#2a2d2e',
      '--vscode-list-activeSelectionBackground': '#04395e',
      '--vscode-list-activeSelectionForeground': '#ffffff',
      '--vscode-editorHoverWidget-background': '#202020',
      '--vscode-editorHoverWidget-border': '#454545',
      '--vscode-editor-findMatchHighlightBackground': 'rgba(234, 92, 0, 0.33)',
      '--vscode-errorForeground': '#f85149',
    },
  },
  light: {
    bodyClass: 'vscode-light',
    vars: {
      '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-editor-font-family': '"Droid Sans Mono", monospace',
      '--vscode-foreground': '#3b3b3b',
      '--vscode-descriptionForeground': '#717171',
      '--vscode-editor-background': '#ffffff',
      '--vscode-focusBorder': '#005fb8',
      '--vscode-input-background': '#ffffff',
      '--vscode-input-foreground': '#3b3b3b',
      '--vscode-input-border': '#cecece',
      '--vscode-dropdown-background': '#ffffff',
      '--vscode-dropdown-foreground': '#3b3b3b',
      '--vscode-button-secondaryBackground': '#e5e5e5',
      '--vscode-button-secondaryForeground': '#3b3b3b',
      '--vscode-panel-border': '#e5e5e5',
      '--vscode-textLink-foreground': '#005fb8',
      '--vscode-list-hoverBackground': '#f2f2f2',
      '--vscode-list-activeSelectionBackground': '#e8e8e8',
      '--vscode-list-activeSelectionForeground': '#000000',
      '--vscode-editorHoverWidget-background': '#f8f8f8',
      '--vscode-editorHoverWidget-border': '#c8c8c8',
      '--vscode-editor-findMatchHighlightBackground': 'rgba(234, 92, 0, 0.33)',
      '--vscode-errorForeground': '#f85149',
    },
  },
  'high-contrast': {
    bodyClass: 'vscode-high-contrast',
    vars: {
      '--vscode-font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
      '--vscode-font-size': '13px',
      '--vscode-foreground': '#ffffff',
      '--vscode-editor-background': '#000000',
      '--vscode-focusBorder': '#f38518',
      '--vscode-contrastBorder': '#6fc3df',
      '--vscode-input-background': '#000000',
      '--vscode-input-foreground': '#ffffff',
      '--vscode-textLink-foreground': '#21a6ff',
      '--vscode-editorHoverWidget-background': '#0c141f',
      '--vscode-editor-findMatchHighlightBackground': 'rgba(0,0,0,0)',
      '--vscode-errorForeground': '#f48771',
    },
  },
};

export const chromiumArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}

export interface Webview {
  readonly page: Page;
  /** Messages the webview posted to the extension, in order. */
  posted(): Promise<ViewMessage[]>;
  /** Posts a model as the extension would; resolves with ms from the post to first paint. */
  sendModel(model: ViewModel): Promise<FirstPaint>;
  setTheme(theme: ThemeName): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface FirstPaint {
  /** Until the page's message handler started: the message's delivery. */
  readonly receivedMs: number;
  /** Until the first paint of the flame graph finished drawing. */
  readonly paintMs: number;
  /** Until the frame after it: the graph is on screen. */
  readonly presentedMs: number;
}

interface Transport {
  json: string;
  buffers: { key: string; type: string; b64: string }[];
}

/** Playwright passes JSON to the page; typed arrays go as base64 and are rebuilt there. */
function pack(model: ViewModel): Transport {
  const buffers: Transport['buffers'] = [];
  const { tree, funcStartLines, base, ...rest } = model;
  const { length, sampleTypes, ...arrays } = tree;
  const baseArrays = base ? { 'base.self': base.self, 'base.total': base.total } : {};
  for (const [key, a] of Object.entries({ ...arrays, funcStartLines, ...baseArrays })) {
    const view = a as ArrayBufferView;
    buffers.push({ key, type: a.constructor.name, b64: Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString('base64') });
  }
  const baseInfo = base ? { base: { baseTitle: base.baseTitle } } : {};
  return { json: JSON.stringify({ ...rest, ...baseInfo, tree: { length, sampleTypes } }), buffers };
}

export interface WebviewOptions {
  theme?: ThemeName;
  width?: number;
  height?: number;
  /** What getState() returns at start, as after a reload. */
  state?: unknown;
  /** A different client bundle to serve as webview.js (the benchmark's variant). */
  bundle?: string;
}

export async function openWebview(browser: Browser, opts: WebviewOptions = {}): Promise<Webview> {
  const context = await browser.newContext({ viewport: { width: opts.width ?? 1200, height: opts.height ?? 800 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const html = renderPage({ cspSource: origin, scriptUri: `${origin}/out/media/webview.js`, styleUri: `${origin}/media/webview.css`, title: 'Profile' });
  await page.route(`${origin}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/index.html') {
      return route.fulfill({ contentType: 'text/html', body: html });
    }
    if (path === '/out/media/webview.js') {
      return route.fulfill({ contentType: 'text/javascript', body: readFileSync(opts.bundle ?? join(root, path)) });
    }
    if (path === '/media/webview.css') {
      return route.fulfill({ contentType: 'text/css', body: readFileSync(join(root, path)) });
    }
    return route.fulfill({ status: 404, body: '' });
  });
  await page.addInitScript((state) => {
    const w = window as unknown as { __posted: unknown[]; __state: unknown; acquireVsCodeApi: () => unknown };
    w.__posted = [];
    w.__state = state;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => w.__posted.push(m),
      getState: () => w.__state,
      setState: (s: unknown) => (w.__state = s),
    });
  }, opts.state);
  await page.goto(`${origin}/index.html`);
  const webview: Webview = {
    page,
    posted: () => page.evaluate(() => (window as unknown as { __posted: ViewMessage[] }).__posted),
    async sendModel(model) {
      const transport = pack(model);
      return page.evaluate(async (t) => {
        const decoded = JSON.parse(t.json);
        const transfer: ArrayBuffer[] = [];
        const ctors: Record<string, new (b: ArrayBuffer) => ArrayBufferView> = { Int32Array, Uint8Array, Float64Array, Uint32Array };
        for (const b of t.buffers) {
          const bin = atob(b.b64);
          const bytes = new Uint8Array(bin.length);
          for (let i = 0; i < bin.length; i++) {
            bytes[i] = bin.charCodeAt(i);
          }
          const arr = new ctors[b.type](bytes.buffer);
          transfer.push(bytes.buffer);
          if (b.key === 'funcStartLines') {
            decoded.funcStartLines = arr;
          } else if (b.key.startsWith('base.')) {
            decoded.base[b.key.slice(5)] = arr;
          } else {
            decoded.tree[b.key] = arr;
          }
        }
        const probe = (window as unknown as { goProfile: { received?: number; firstPaint?: number; presented?: number } }).goProfile;
        probe.firstPaint = undefined;
        probe.presented = undefined;
        const sent = performance.now();
        window.postMessage({ type: 'model', model: decoded }, '*', transfer);
        while (probe.presented === undefined || probe.firstPaint === undefined) {
          await new Promise((r) => setTimeout(r, 1));
        }
        return { receivedMs: (probe.received ?? sent) - sent, paintMs: probe.firstPaint - sent, presentedMs: probe.presented - sent };
      }, transport);
    },
    async setTheme(theme) {
      await page.evaluate((t) => {
        for (const [k, v] of Object.entries(t.vars)) {
          document.documentElement.style.setProperty(k, v);
        }
        document.body.className = t.bodyClass;
      }, themes[theme]);
    },
    async screenshot(name) {
      mkdirSync(artifacts, { recursive: true });
      const path = join(artifacts, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
      if (errors.length) {
        throw new Error(`errors in the webview: ${errors.join('\n')}`);
      }
    },
  };
  await webview.setTheme(opts.theme ?? 'dark');
  return webview;
}
