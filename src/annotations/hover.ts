/**
 * The hover on an annotated line: flat and cum with shares, the functions sharing the line,
 * the callees the line's cum went to (inlined calls marked), and the functions this line's
 * code was inlined into. Names come from the profile: escaped, never trusted markdown.
 */
import * as vscode from 'vscode';
import { formatCost, formatShare } from './format';
import { FOCUS_COMMAND } from './lenses';
import { lineDetail } from './lineDetail';
import type { AnnotationState } from './state';

const MAX_ROWS = 8;

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&');
}

export class LineHover implements vscode.HoverProvider {
  constructor(private readonly state: AnnotationState) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const ann = this.state.annotations(document);
    const index = this.state.costIndex;
    const active = this.state.active;
    const line = ann?.lines.find((l) => l.line === position.line);
    if (!line || !index || !active) return undefined;
    const { unit, total } = index;
    const v = (x: number): string => `${formatCost(x, unit)} | ${formatShare(x, total)}`;
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${escape(index.typeName)}** in ${escape(active.title)}\n\n`);
    md.appendMarkdown(`| | ${escape(index.typeName)} | share |\n|---|---:|---:|\n`);
    // A goroutine is at every line of its stack: how many are here is the one number, not flat/cum.
    if (unit === 'goroutines') md.appendMarkdown(`| goroutines with this line in their stack | ${v(line.cum)} |\n\n`);
    else md.appendMarkdown(`| flat (this line) | ${v(line.flat)} |\n| cum (with calls) | ${v(line.cum)} |\n\n`);
    if (line.rows.length > 1) {
      md.appendMarkdown(`Functions on this line:\n\n| function | flat | cum |\n|---|---:|---:|\n`);
      for (const r of line.rows) md.appendMarkdown(`| ${escape(r.name)} | ${formatCost(r.flat, unit)} | ${formatCost(r.cum, unit)} |\n`);
      md.appendMarkdown('\n');
    }
    const detail = lineDetail(active.profile, index.sampleType, this.state.recordedFiles(document), line.recordedLine);
    if (detail.callees.length > 0) {
      md.appendMarkdown(`Calls from this line:\n\n| callee | cum | share |\n|---|---:|---:|\n`);
      for (const c of detail.callees.slice(0, MAX_ROWS)) md.appendMarkdown(`| ${escape(c.name)}${c.inlined ? ' *(inlined)*' : ''} | ${v(c.value)} |\n`);
      if (detail.callees.length > MAX_ROWS) md.appendMarkdown(`\n…and ${detail.callees.length - MAX_ROWS} more\n`);
      md.appendMarkdown('\n');
    }
    if (detail.inlinedInto.length > 0) {
      md.appendMarkdown(`Inlined into:\n\n| caller | cum | share |\n|---|---:|---:|\n`);
      for (const c of detail.inlinedInto.slice(0, MAX_ROWS)) md.appendMarkdown(`| ${escape(c.name)} | ${v(c.value)} |\n`);
    }
    const args = encodeURIComponent(JSON.stringify([document.uri.toString(), position.line, line.rows[0]?.name ?? '']));
    md.appendMarkdown(`\n[Show in flame graph](command:${FOCUS_COMMAND}?${args})`);
    // Only the flame-graph command may run from this hover's links.
    md.isTrusted = { enabledCommands: [FOCUS_COMMAND] };
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }
}
