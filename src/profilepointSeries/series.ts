/**
 * The captures of each profilepoint, in hit order, from the `goProfile.captured` events that
 * carry a profilepoint tag; kept in workspace state so a series outlives the session.
 */
import * as vscode from 'vscode';
import type { CapturedEvent, SeriesTotal } from '../capture/api';

export interface SeriesCapture {
  hit: number;
  path: string;
  location: string;
  kind: string;
  total?: SeriesTotal;
  time: number;
}

export interface Series {
  id: string;
  captures: SeriesCapture[];
}

const STATE_KEY = 'goProfile.profilepointSeries';
/** Enough for "memory grows per request" at a glance, small enough for workspace state. */
const MAX_CAPTURES = 500;

export class SeriesStore implements vscode.Disposable {
  private all: Series[];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {
    this.all = state.get<Series[]>(STATE_KEY, []);
  }

  list(): readonly Series[] {
    return this.all;
  }

  get(id: string): Series | undefined {
    return this.all.find((s) => s.id === id);
  }

  async add(event: CapturedEvent): Promise<void> {
    const tag = event.profilepoint;
    if (!tag) {
      return;
    }
    let series = this.get(tag.id);
    // A new session numbers hits from 1 again: that starts the series over.
    if (series && tag.hit === 1) {
      this.all = this.all.filter((s) => s !== series);
      series = undefined;
    }
    if (!series) {
      series = { id: tag.id, captures: [] };
      this.all = [series, ...this.all];
    }
    series.captures.push({ hit: tag.hit, path: event.path, location: event.location, kind: event.kind, total: event.total, time: Date.now() });
    series.captures.splice(0, Math.max(0, series.captures.length - MAX_CAPTURES));
    await this.state.update(STATE_KEY, this.all);
    this.changed.fire();
  }

  async remove(id: string): Promise<void> {
    this.all = this.all.filter((s) => s.id !== id);
    await this.state.update(STATE_KEY, this.all);
    this.changed.fire();
  }

  dispose(): void {
    this.changed.dispose();
  }
}
