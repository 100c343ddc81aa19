// The hover card of a frame: function, file:line, flat and cum with units and percent.
import { el } from './dom';

export interface TooltipContent {
  readonly name: string;
  readonly location: string;
  readonly inlined: boolean;
  readonly rows: readonly [string, string][];
}

export class Tooltip {
  readonly node: HTMLDivElement;

  constructor(parent: HTMLElement) {
    this.node = el('div', { class: 'tooltip', role: 'tooltip', id: 'tooltip' });
    this.node.hidden = true;
    parent.append(this.node);
  }

  show(content: TooltipContent, clientX: number, clientY: number): void {
    const name = el('div', { class: 'tooltip-name' }, content.name);
    const loc = el('div', { class: 'tooltip-location' }, content.location + (content.inlined ? ' (inlined)' : ''));
    const table = el('table');
    for (const [label, value] of content.rows) {
      table.append(el('tr', {}, el('th', {}, label), el('td', {}, value)));
    }
    this.node.replaceChildren(name, loc, table);
    this.node.hidden = false;
    const pad = 14;
    const { width, height } = this.node.getBoundingClientRect();
    const x = clientX + pad + width > window.innerWidth ? clientX - pad - width : clientX + pad;
    const y = clientY + pad + height > window.innerHeight ? clientY - pad - height : clientY + pad;
    this.node.style.left = `${Math.max(0, x)}px`;
    this.node.style.top = `${Math.max(0, y)}px`;
  }

  hide(): void {
    this.node.hidden = true;
  }
}
