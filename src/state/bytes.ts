/**
 * The bytes under every link and saved record: a growable byte writer, a bounded reader, base64url
 * without padding, and a CRC-8. Nothing here knows what the bytes mean (schema.ts does).
 */

/** A malformed payload; caught by the decoder, never thrown out of the state layer. */
export class LinkError extends Error {}

export class Writer {
  readonly bytes: number[] = [];
  byte(b: number) {
    this.bytes.push(b & 0xff);
  }
  /** Unsigned LEB128 of a whole number 0..2^53-1, with Number arithmetic (no 32-bit wrap). */
  varint(n: number) {
    while (n >= 128) {
      this.bytes.push((n % 128) + 128);
      n = Math.floor(n / 128);
    }
    this.bytes.push(n);
  }
  f32(x: number) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, x, true);
    this.bytes.push(...b);
  }
  raw(bytes: ArrayLike<number>) {
    for (let i = 0; i < bytes.length; i++) this.bytes.push(bytes[i]! & 0xff);
  }
}

export class Reader {
  pos: number;
  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }
  get done(): boolean {
    return this.pos >= this.end;
  }
  byte(): number {
    if (this.pos >= this.end) throw new LinkError('ends in the middle of a value');
    return this.bytes[this.pos++]!;
  }
  varint(max: number): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      result += (b & 127) * scale;
      if (b < 128) {
        if (result > max) throw new LinkError(`holds ${result}, more than the largest allowed`);
        return result;
      }
      scale *= 128;
    }
    throw new LinkError('holds a number that is too long');
  }
  f32(): number {
    if (this.pos + 4 > this.end) throw new LinkError('ends in the middle of a value');
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 4);
    this.pos += 4;
    return view.getFloat32(0, true);
  }
  /** The next n bytes. */
  take(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new LinkError('ends in the middle of a value');
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function toBase64url(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Strict base64url without padding; null for any other text. */
export function fromBase64url(s: string): Uint8Array | null {
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const c of s) {
    const v = B64_INDEX.get(c);
    if (v === undefined) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** CRC-8 (polynomial 0x07): catches a cut-short or mistyped link. */
export function crc8(bytes: ArrayLike<number>, end = bytes.length): number {
  let crc = 0;
  for (let i = 0; i < end; i++) {
    crc ^= bytes[i]!;
    for (let k = 0; k < 8; k++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}
