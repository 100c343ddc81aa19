/**
 * Builds a pprof profile from stacks known by name (function, file, line) rather than by
 * address — what Delve gives for goroutines — and writes it gzipped like Go's runtime does.
 */
import { gzipSync } from 'node:zlib';
import { perftools } from '../profile/proto/profile';

type IProfile = perftools.profiles.IProfile;

export interface NamedFrame {
  func: string;
  file: string;
  line: number;
}

export class PprofBuilder {
  private readonly strings = new Map<string, number>([['', 0]]);
  private readonly functions = new Map<string, number>();
  private readonly locations = new Map<string, number>();
  private readonly profile: IProfile & {
    sample: perftools.profiles.ISample[];
    location: perftools.profiles.ILocation[];
    function: perftools.profiles.IFunction[];
    comment: number[];
  };

  constructor(sampleTypes: [string, string][], period?: [string, string, number]) {
    this.profile = {
      sample: [],
      location: [],
      function: [],
      comment: [],
      sampleType: sampleTypes.map(([type, unit]) => ({ type: this.str(type), unit: this.str(unit) })),
      timeNanos: Date.now() * 1e6,
    };
    if (period) {
      this.profile.periodType = { type: this.str(period[0]), unit: this.str(period[1]) };
      this.profile.period = period[2];
    }
  }

  str(s: string): number {
    let id = this.strings.get(s);
    if (id === undefined) {
      id = this.strings.size;
      this.strings.set(s, id);
    }
    return id;
  }

  comment(text: string): void {
    this.profile.comment.push(this.str(text));
  }

  /** Adds a sample; `stack` is leaf first, as pprof stores it. */
  addSample(stack: readonly NamedFrame[], values: number[], labels: Record<string, string> = {}): void {
    this.profile.sample.push({
      locationId: stack.map((f) => this.location(f)),
      value: values,
      label: Object.entries(labels).map(([k, v]) => ({ key: this.str(k), str: this.str(v) })),
    });
  }

  encode(): Buffer {
    const message: IProfile = { ...this.profile, stringTable: [...this.strings.keys()] };
    return gzipSync(perftools.profiles.Profile.encode(message).finish());
  }

  private location(frame: NamedFrame): number {
    const key = `${frame.func}\u0000${frame.file}\u0000${frame.line}`;
    let id = this.locations.get(key);
    if (id === undefined) {
      id = this.locations.size + 1;
      this.locations.set(key, id);
      this.profile.location.push({ id, line: [{ functionId: this.function(frame), line: frame.line }] });
    }
    return id;
  }

  private function(frame: NamedFrame): number {
    const key = `${frame.func}\u0000${frame.file}`;
    let id = this.functions.get(key);
    if (id === undefined) {
      id = this.functions.size + 1;
      this.functions.set(key, id);
      const name = this.str(frame.func);
      this.profile.function.push({ id, name, systemName: name, filename: this.str(frame.file) });
    }
    return id;
  }
}
