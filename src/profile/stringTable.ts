/**
 * A profile's string table extended with new strings by the transforms that add functions
 * (diff, tagroot): existing indices stay valid, and a string already present, at its first
 * index, is reused rather than added again.
 */
export class StringTable {
  readonly strings: string[];
  private readonly index = new Map<string, number>();

  constructor(existing: readonly string[]) {
    this.strings = [...existing];
    this.strings.forEach((s, i) => this.index.has(s) || this.index.set(s, i));
  }

  intern(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}
