/**
 * An open-addressing hash from a pair of non-negative int32 (e.g. parent node, frame) to a
 * dense id 0..size-1. Building trees over hundreds of thousands of deep stacks does tens of
 * millions of lookups; a Map keyed by strings or composed numbers is several times slower.
 */
export class PairTable {
  size = 0;
  a: Int32Array;
  b: Int32Array;
  private slots: Int32Array;
  private mask: number;

  constructor(expected = 1024) {
    let cap = 1024;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap);
    this.mask = cap - 1;
    this.a = new Int32Array(cap >>> 1);
    this.b = new Int32Array(cap >>> 1);
  }

  /** The id of (x, y), adding it with the next id when new. */
  intern(x: number, y: number): number {
    const mask = this.mask;
    const slots = this.slots;
    let h = hash(x, y) & mask;
    for (;;) {
      const s = slots[h];
      if (s === 0) break;
      const id = s - 1;
      if (this.a[id] === x && this.b[id] === y) return id;
      h = (h + 1) & mask;
    }
    const id = this.size++;
    if (id >= this.a.length) this.growKeys();
    this.a[id] = x;
    this.b[id] = y;
    slots[h] = id + 1;
    if (this.size * 2 > slots.length) this.rehash();
    return id;
  }

  private growKeys(): void {
    const a = new Int32Array(this.a.length * 2);
    a.set(this.a);
    this.a = a;
    const b = new Int32Array(this.b.length * 2);
    b.set(this.b);
    this.b = b;
  }

  private rehash(): void {
    const cap = this.slots.length * 2;
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let id = 0; id < this.size; id++) {
      let h = hash(this.a[id], this.b[id]) & mask;
      while (slots[h] !== 0) h = (h + 1) & mask;
      slots[h] = id + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function hash(x: number, y: number): number {
  const h = Math.imul(x, 0x9e3779b1) ^ Math.imul(y + 0x7f4a7c15, 0x85ebca77);
  return (h ^ (h >>> 15)) >>> 0;
}
