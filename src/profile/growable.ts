/** Typed-array growth by doubling, for tables whose final size is known only after decoding. */
export function growInt32(a: Int32Array, needed: number, limit: number, what: string): Int32Array {
  if (needed <= a.length) return a;
  if (needed > limit) throw new RangeLimitError(what, limit);
  const b = new Int32Array(Math.min(limit, Math.max(needed, a.length * 2)));
  b.set(a);
  return b;
}

export function growFloat64(a: Float64Array, needed: number): Float64Array {
  if (needed <= a.length) return a;
  const b = new Float64Array(Math.max(needed, a.length * 2));
  b.set(a);
  return b;
}

/** Raised when a table would exceed the size the engine agrees to hold in memory. */
export class RangeLimitError extends Error {
  constructor(readonly what: string, readonly limit: number) {
    super(`more than ${limit} ${what}`);
  }
}
