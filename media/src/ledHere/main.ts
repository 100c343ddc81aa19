// What Led Here webview: the timeline of the stopped goroutine over the recorder's last
// seconds, its waits (each with its stack, a click opens the line), and the way to Go's own
// trace viewer and to the same seconds as wait profiles. Data arrives only by message and
// every name becomes text, never HTML.
import type { LedFrame, LedModel, LedSegment } from '../../../src/traces/ledHereModel';
import { describeSegment } from './describe';
import type { LedHostMessage, LedWaitKind } from '../../../src/traces/ledHereMessages';
import { el } from '../dom';
import { ms, renderLanes } from './lanes';
import { post } from './post';

const WAITS: [LedWaitKind, string][] = [['sync', 'Sync waits'], ['sched', 'Scheduler latency'], ['syscall', 'Syscalls'], ['net', 'Network']];

/** Measured by tests and the benchmark: when the last model was on screen. */
const probe: { drawn?: number } = {};
(window as unknown as { ledHere: typeof probe }).ledHere = probe;

const header = el('header', { class: 'toolbar', role: 'toolbar', 'aria-label': 'What Led Here' });
const body = el('main', { class: 'led' });
document.body.append(header, body);

window.addEventListener('message', (e: MessageEvent<LedHostMessage>) => {
  if (e.data?.type === 'model') {
    show(e.data.model, e.data.location);
  }
});
post({ type: 'ready' });

function show(model: LedModel, location: string): void {
  const title = el('span', { class: 'title' }, `What led to ${location}`);
  const viewer = el('button', { type: 'button', id: 'traceViewer' }, "Open in Go's trace viewer");
  viewer.addEventListener('click', () => post({ type: 'openTraceViewer' }));
  const waits = WAITS.map(([kind, label]) => {
    const b = el('button', { type: 'button', 'data-wait': kind, title: `These seconds as a profile of ${label.toLowerCase()} (go tool trace -pprof=${kind})` }, label);
    b.addEventListener('click', () => post({ type: 'showWaits', kind }));
    return b;
  });
  header.replaceChildren(title, el('span', { class: 'spacer' }), el('span', { class: 'hint' }, 'As profiles:'), ...waits, viewer);

  const details = el('section', { class: 'details', 'aria-live': 'polite' });
  const select = (s: LedSegment): void => {
    const frames = s.stack === undefined ? [] : model.stacks[s.stack] ?? [];
    const target = frames.find((f) => f.func === s.func && f.file) ?? frames.find((f) => f.file);
    if (target) {
      post({ type: 'openSource', file: target.file, line: target.line });
    }
    details.replaceChildren(el('h2', {}, describeSegment(s)), stackList(frames));
  };
  const summary = el('p', { class: 'summary' }, summarize(model));
  const list = waitList(model, select);
  body.replaceChildren(summary, renderLanes(model, { select }), el('h2', {}, 'Waits of this goroutine'), list, details);
  requestAnimationFrame(() => {
    probe.drawn = performance.now();
  });
}

function summarize(model: LedModel): string {
  if (!model.found) {
    return `Goroutine ${model.goroutine} did nothing the trace recorded in these ${ms(model.duration)}: it was created later, or waited the whole time.`;
  }
  const by = (state: string): number => model.segments.filter((s) => s.state === state).reduce((sum, s) => sum + s.end - s.start, 0);
  const end = model.stopped ? 'before the stop' : 'until the recording ended';
  return `The last ${ms(model.duration)} ${end}: goroutine ${model.goroutine} ran ${ms(by('running'))}, waited for a thread ${ms(by('runnable'))}, was blocked ${ms(by('waiting'))} and in system calls ${ms(by('syscall'))}.`;
}

function waitList(model: LedModel, select: (s: LedSegment) => void): HTMLElement {
  const waits = model.segments.filter((s) => s.state === 'waiting' || s.state === 'syscall');
  if (!waits.length) {
    return el('p', { class: 'empty' }, 'No waits in this window.');
  }
  const list = el('ol', { class: 'waits' });
  for (const s of waits) {
    const frames = s.stack === undefined ? [] : model.stacks[s.stack] ?? [];
    const where = frames.find((f) => f.func === s.func && f.file);
    const item = el('button', { type: 'button', class: 'wait' }, describeSegment(s), where ? el('span', { class: 'where' }, ` ${shortFile(where)}`) : '');
    item.addEventListener('click', () => select(s));
    list.append(el('li', {}, item));
  }
  return list;
}

function stackList(frames: LedFrame[]): HTMLElement {
  if (!frames.length) {
    return el('p', { class: 'empty' }, 'The trace has no stack for this.');
  }
  const list = el('ol', { class: 'stack' });
  for (const f of frames) {
    const link = el('button', { type: 'button', class: 'frame', title: `${f.file}:${f.line}` }, f.func, el('span', { class: 'where' }, ` ${shortFile(f)}`));
    link.addEventListener('click', () => post({ type: 'openSource', file: f.file, line: f.line }));
    list.append(el('li', {}, link));
  }
  return list;
}

function shortFile(f: LedFrame): string {
  return `${f.file.split(/[\\/]/).pop() ?? f.file}:${f.line}`;
}
