// Colours come from VS Code's theme through its CSS variables and body classes, read
// again whenever VS Code switches theme, so the canvas follows light, dark and high contrast.
import { hashString, kindOf, packageOf, type CodeKind } from './packages';

export type ThemeKind = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface Theme {
  readonly kind: ThemeKind;
  readonly font: string;
  readonly foreground: string;
  readonly background: string;
  readonly frameText: string;
  readonly border: string;
  readonly focusBorder: string;
  readonly matchFill: string;
  readonly mergedFill: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  return style.getPropertyValue(name).trim() || fallback;
}

export function themeKind(body: HTMLElement): ThemeKind {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) {
    return 'high-contrast-light';
  }
  if (c.contains('vscode-high-contrast')) {
    return 'high-contrast';
  }
  return c.contains('vscode-light') ? 'light' : 'dark';
}

export function readTheme(): Theme {
  const style = getComputedStyle(document.body);
  const kind = themeKind(document.body);
  const dark = kind === 'dark' || kind === 'high-contrast';
  const family = cssVar(style, '--vscode-font-family', 'system-ui, sans-serif');
  const contrast = kind.startsWith('high-contrast');
  return {
    kind,
    font: `12px ${family}`,
    foreground: cssVar(style, '--vscode-foreground', dark ? '#cccccc' : '#333333'),
    background: cssVar(style, '--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
    frameText: contrast ? cssVar(style, '--vscode-foreground', dark ? '#ffffff' : '#000000') : dark ? '#f0f0f0' : '#1a1a1a',
    border: contrast ? cssVar(style, '--vscode-contrastBorder', dark ? '#6fc3df' : '#0f4a85') : dark ? '#1e1e1e' : '#ffffff',
    focusBorder: cssVar(style, '--vscode-focusBorder', dark ? '#0078d4' : '#005fb8'),
    matchFill: cssVar(style, '--vscode-editor-findMatchHighlightBackground', dark ? '#ea5c0055' : '#ea5c0055'),
    mergedFill: dark ? '#5a5a5a' : '#c8c8c8',
  };
}

// Hue bands per kind keep the three groups apart at a glance; the package picks within it.
const bands: Record<CodeKind, { hue: [number, number]; sat: number }> = {
  user: { hue: [0, 45], sat: 70 },
  std: { hue: [185, 235], sat: 45 },
  runtime: { hue: [250, 290], sat: 18 },
};

export function frameColour(theme: Theme, funcName: string, dimmed: boolean): string {
  const pkg = packageOf(funcName);
  const band = bands[kindOf(pkg)];
  const h = hashString(pkg);
  const hue = band.hue[0] + (h % 1000) / 1000 * (band.hue[1] - band.hue[0]);
  const dark = theme.kind === 'dark' || theme.kind === 'high-contrast';
  if (theme.kind.startsWith('high-contrast')) {
    return dimmed ? theme.background : `hsl(${hue} ${band.sat}% ${dark ? 18 : 88}%)`;
  }
  const light = (dark ? 34 : 72) + ((h >>> 12) % 8);
  const sat = dimmed ? 4 : band.sat;
  return `hsl(${hue} ${sat}% ${dimmed ? (dark ? 24 : 86) : light}%)`;
}
