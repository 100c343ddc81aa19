// Webview client entry point: builds the page skeleton, waits for the model from the
// extension and hands it to the App. Profile data arrives only through messages.
import type { HostMessage } from '../../src/shared/messages';
import { App } from './app';
import { mountDemangleToggle } from './demangleToggle';
import { el } from './dom';
import { post } from './host';

function skeleton(): void {
  const toolbar = el(
    'header',
    { class: 'toolbar', role: 'toolbar', 'aria-label': 'Profile view' },
    el('span', { id: 'title', class: 'title' }),
    el('label', {}, 'Sample ', el('select', { id: 'sampleType' })),
    el('input', { id: 'search', type: 'search', placeholder: 'Search functions (text or /regex/)', 'aria-label': 'Search functions', spellcheck: 'false' }),
    el('span', { id: 'matchInfo', class: 'match-info', 'aria-live': 'polite' }),
    el('span', { class: 'spacer' }),
    el('button', { id: 'diffMode', type: 'button', hidden: '' }),
    el('button', { id: 'orientation', type: 'button' }),
    el('button', { id: 'reset', type: 'button' }, 'Reset zoom'),
    el('button', { id: 'speedscope', type: 'button' }, 'Open in speedscope'),
  );
  const flame = el(
    'div',
    { id: 'flameWrap', class: 'flame-wrap' },
    el('div', { id: 'empty', class: 'empty', role: 'status' }),
    el('canvas', {
      id: 'flame',
      tabindex: '0',
      role: 'application',
      'aria-roledescription': 'flame graph',
      'aria-label': 'Flame graph. Arrow keys move between frames, Enter opens the source, Space zooms, Escape resets.',
      'aria-describedby': 'status',
    }),
  );
  const sandwich = el(
    'section',
    { id: 'sandwich', class: 'sandwich', 'aria-label': 'Callers and callees' },
    el('h2', {}, 'Callers and callees of ', el('span', { id: 'sandwichTitle' })),
    el('div', { class: 'sandwich-label' }, 'Callers ↑'),
    el('canvas', { id: 'callers', tabindex: '0', role: 'application', 'aria-roledescription': 'flame graph', 'aria-label': 'Callers' }),
    el('div', { class: 'sandwich-label' }, 'Callees ↓'),
    el('canvas', { id: 'callees', tabindex: '0', role: 'application', 'aria-roledescription': 'flame graph', 'aria-label': 'Callees' }),
  );
  sandwich.hidden = true;
  document.body.append(
    toolbar,
    el('div', { id: 'filterRow' }),
    el('div', { id: 'samplingNote', class: 'sampling-note', role: 'note', hidden: '' }),
    el('nav', { id: 'breadcrumb', class: 'breadcrumb', 'aria-label': 'Zoom path' }),
    flame,
    el('div', { class: 'lower' }, el('section', { id: 'table', class: 'table-wrap', 'aria-label': 'Top functions' }), sandwich),
    el('div', { id: 'status', class: 'visually-hidden', 'aria-live': 'polite' }),
    el('div', { id: 'message', class: 'message', role: 'status' }, 'Loading profile…'),
  );
}

/**
 * Hooks for the webview tests, the benchmark and the editor suite (test/editor/profileView.ts):
 * timings and the live view. Those read app.model, app.flameView (canvas, currentLayout,
 * boxOf) and firstPaint: keep these names.
 */
interface Probe {
  app?: App;
  received?: number;
  firstPaint?: number;
  /** The first frame after the first paint: the canvas is on screen. */
  presented?: number;
}
const probe: Probe = {};
(window as unknown as { goProfile: Probe }).goProfile = probe;

let app: App | null = null;

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const msg = event.data;
  const message = document.getElementById('message');
  switch (msg.type) {
    case 'model': {
      probe.received = performance.now();
      // A new model (another profile, or the same under new filters) replaces the page
      // state; the control that had the keyboard keeps it.
      const focused = document.activeElement?.id;
      if (app) {
        document.body.replaceChildren();
        skeleton();
      }
      document.getElementById('message')?.remove();
      app = new App(msg.model);
      mountDemangleToggle(msg.model);
      probe.app = app;
      probe.firstPaint = performance.now();
      if (focused) {
        document.getElementById(focused)?.focus();
      }
      requestAnimationFrame(() => (probe.presented = performance.now()));
      setTimeout(() => app?.finishLoading(), 0);
      break;
    }
    case 'highlightFunction':
      app?.highlightCursorFunction(msg.func);
      break;
    case 'filterError':
      app?.showFilterError(msg.message);
      break;
    case 'error':
      if (message) {
        message.textContent = msg.message;
        message.classList.add('error');
      }
      break;
  }
});

skeleton();
post({ type: 'ready' });
