import { ProfileError } from './errors';

const TWO_POW_32 = 4294967296;

/**
 * A bounds-checked cursor over protobuf wire data. The hot parts of the decoder (samples and
 * the top-level field loop) read varints through this instead of protobufjs's Reader, which
 * allocates a LongBits object per 64-bit varint and skips over malformed length prefixes.
 */
export class Cursor {
  pos = 0;
  end: number;

  constructor(readonly buf: Uint8Array) {
    this.end = buf.length;
  }

  /** A varint as a number: exact below 2^53; a 10-byte int64 negative comes out negative. */
  varint(): number {
    const pos = this.pos;
    if (pos < this.end) {
      const b = this.buf[pos];
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    return this.varintSlow();
  }

  private varintSlow(): number {
    const buf = this.buf;
    const end = this.end;
    let pos = this.pos;
    let lo = 0;
    let b = 0;
    for (let shift = 0; shift < 28; shift += 7) {
      if (pos >= end) throw truncated();
      b = buf[pos++];
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return lo;
      }
    }
    if (pos >= end) throw truncated();
    b = buf[pos++];
    lo = (lo | ((b & 0x0f) << 28)) >>> 0;
    let hi = (b & 0x7f) >>> 4;
    if (b < 0x80) {
      this.pos = pos;
      return hi * TWO_POW_32 + lo;
    }
    for (let shift = 3; shift < 32; shift += 7) {
      if (pos >= end) throw truncated();
      b = buf[pos++];
      hi |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return (hi | 0) * TWO_POW_32 + lo;
      }
    }
    throw new ProfileError('corrupt protobuf data: malformed varint');
  }

  /** A length prefix, refused when it claims more bytes than remain in the enclosing message. */
  length(): number {
    const n = this.varint();
    if (n < 0 || n > this.end - this.pos) {
      throw new ProfileError(`corrupt protobuf data: a field claims ${n} bytes but only ${this.end - this.pos} remain`);
    }
    return n;
  }

  /** Reads a length prefix and returns where that field's bytes end. */
  fieldEnd(): number {
    const n = this.length();
    return this.pos + n;
  }

  /** Skips one field's value of the given wire type. */
  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        this.advance(8);
        return;
      case 2:
        this.pos += this.length();
        return;
      case 5:
        this.advance(4);
        return;
      default:
        throw new ProfileError(`corrupt protobuf data: invalid wire type ${wireType}`);
    }
  }

  private advance(n: number): void {
    if (this.end - this.pos < n) throw truncated();
    this.pos += n;
  }
}

/** Splits a tag into field number and wire type; -1 as field for a tag no schema can have. */
export function fieldOf(tag: number): number {
  return tag >= 0 && tag <= 0x7fffffff ? tag >>> 3 : -1;
}

function truncated(): ProfileError {
  return new ProfileError('truncated protobuf data');
}
