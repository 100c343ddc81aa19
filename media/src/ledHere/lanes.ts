// The timeline: one lane for the stopped goroutine (its states, each wait a button), lanes for
// GC and stop-the-world, and one per group of other goroutines, all on the same time axis.
// DOM, not canvas: a few thousand boxes at most, and every wait must be focusable and clickable.
import type { LedModel, LedRange, LedSegment } from '../../../src/traces/ledHereModel';
import { describeSegment } from './describe';
import { el } from '../dom';

/** Spans closer than this share a box: finer than a pixel on any screen. */
const RESOLUTION = 1 / 4000;

export interface LaneHandlers {
  select(segment: LedSegment): void;
}

export function renderLanes(model: LedModel, handlers: LaneHandlers): HTMLElement {
  const lanes = el('div', { class: 'lanes', role: 'group', 'aria-label': 'Timeline' });
  lanes.append(axis(model));
  const own = track();
  model.segments.forEach((s, i) => own.append(segmentBox(model, s, i, handlers)));
  for (const a of model.assists) {
    own.append(box(model, a.start, a.end, 'assist', `GC mark assist ${ms(a.end - a.start)}`));
  }
  lanes.append(lane(`goroutine ${model.goroutine}`, 'the goroutine that stopped', own, 'own'));
  lanes.append(lane('GC', 'garbage collection phases', rangeTrack(model, model.gc, 'gc')));
  lanes.append(lane('stop-the-world', 'every goroutine paused', rangeTrack(model, model.stw, 'stw')));
  for (const g of model.groups) {
    const t = track();
    for (const [a, b] of coalesce(g.running, model.duration * RESOLUTION)) {
      t.append(box(model, a, b, 'other', `${g.func}: running ${ms(b - a)}`));
    }
    const count = g.goroutines === 1 ? '1 goroutine' : `${g.goroutines} goroutines`;
    lanes.append(lane(g.func, `${count}, running ${ms(g.runningNs)} in all`, t, 'group'));
  }
  if (model.moreGroups) {
    lanes.append(el('div', { class: 'more' }, `${model.moreGroups} more groups of goroutines ran less.`));
  }
  return lanes;
}

function lane(name: string, detail: string, t: HTMLElement, kind = ''): HTMLElement {
  return el('div', { class: `lane ${kind}` }, el('div', { class: 'lane-label', title: `${name}: ${detail}` }, el('span', { class: 'lane-name' }, name), el('span', { class: 'lane-detail' }, detail)), t);
}

function track(): HTMLElement {
  return el('div', { class: 'track' });
}

function rangeTrack(model: LedModel, ranges: LedRange[], kind: string): HTMLElement {
  const t = track();
  for (const r of ranges) {
    t.append(box(model, r.start, r.end, kind, `${r.name} ${ms(r.end - r.start)}`));
  }
  return t;
}

function box(model: LedModel, start: number, end: number, kind: string, title: string): HTMLElement {
  const node = el('div', { class: `span ${kind}`, title });
  place(node, model, start, end);
  return node;
}

function place(node: HTMLElement, model: LedModel, start: number, end: number): void {
  const total = model.duration || 1;
  node.style.left = `${(start / total) * 100}%`;
  node.style.width = `${((end - start) / total) * 100}%`;
}

function segmentBox(model: LedModel, s: LedSegment, index: number, handlers: LaneHandlers): HTMLElement {
  const label = describeSegment(s);
  const blocked = s.state === 'waiting' || s.state === 'syscall';
  const node = el('div', { class: `span ${s.state}${s.what ? ` what-${s.what.replace(/\s+/g, '-').toLowerCase()}` : ''}`, title: label, 'data-segment': String(index) });
  if (blocked) {
    node.setAttribute('role', 'button');
    node.setAttribute('tabindex', '0');
    node.setAttribute('aria-label', label);
    node.addEventListener('click', () => handlers.select(s));
    node.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        handlers.select(s);
      }
    });
  }
  place(node, model, s.start, s.end);
  return node;
}

function axis(model: LedModel): HTMLElement {
  const t = el('div', { class: 'track axis-track' });
  const step = niceStep(model.duration / 8);
  // Labelled by time before the end of the window (the stop), which is what the user reasons in.
  for (let before = 0; before <= model.duration; before += step) {
    const at = model.duration - before;
    const tick = el('div', { class: 'tick' }, before === 0 ? (model.stopped ? 'stop' : 'end') : `−${seconds(before)}`);
    tick.style.left = `${(at / (model.duration || 1)) * 100}%`;
    t.append(tick);
  }
  return el('div', { class: 'lane axis' }, el('div', { class: 'lane-label' }), t);
}

function niceStep(raw: number): number {
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
}

function coalesce(spans: [number, number][], gap: number): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = out[out.length - 1];
    if (last && a - last[1] < gap) {
      last[1] = Math.max(last[1], b);
    } else {
      out.push([a, b]);
    }
  }
  return out;
}

export function ms(ns: number): string {
  const v = ns / 1e6;
  return `${v < 10 ? v.toFixed(2) : v.toFixed(0)} ms`;
}

function seconds(ns: number): string {
  return ns >= 1e9 ? `${(ns / 1e9).toFixed(ns % 1e9 === 0 ? 0 : 1)} s` : `${Math.round(ns / 1e6)} ms`;
}
