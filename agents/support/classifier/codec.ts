import { deflateRawSync, inflateRawSync } from "node:zlib";

// Compact encodings for the artifact's big arrays: raw-deflated bytes in base64.
const pack = (bytes: Uint8Array) => deflateRawSync(bytes, { level: 9 }).toString("base64");
const unpack = (text: string) => new Uint8Array(inflateRawSync(Buffer.from(text, "base64")));

/** Non-negative integers as LEB128 varints, deflated, base64. */
export function encodeUints(values: ArrayLike<number>): string {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) {
    let v = values[i]!;
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`not a non-negative integer: ${v}`);
    while (v >= 0x80) {
      out.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    out.push(v);
  }
  return pack(Uint8Array.from(out));
}

/** Inverse of encodeUints. */
export function decodeUints(text: string): number[] {
  const bytes = unpack(text);
  const out: number[] = [];
  let v = 0;
  let mul = 1;
  for (const b of bytes) {
    v += (b & 0x7f) * mul;
    mul *= 0x80;
    if (b < 0x80) {
      out.push(v);
      v = 0;
      mul = 1;
    }
  }
  return out;
}

/** An ascending integer list as its first value and gaps (small numbers: varints of a byte or two). */
export const encodeAscending = (values: ArrayLike<number>): string =>
  encodeUints(Array.from(values, (v, i) => (i === 0 ? v : v - values[i - 1]!)));

/** Inverse of encodeAscending. */
export function decodeAscending(text: string): number[] {
  const gaps = decodeUints(text);
  for (let i = 1; i < gaps.length; i++) gaps[i]! += gaps[i - 1]!;
  return gaps;
}

/** A rows × K matrix quantised to int8 with one scale per column k: w ≈ q · scales[k]. */
export interface QuantisedMatrix {
  scales: number[];
  /** The int8 values, row-major, deflated, base64. */
  data: string;
}

/** Quantises a row-major rows × K matrix to int8, per column (one scale per class). */
export function quantise(w: ArrayLike<number>, K: number): QuantisedMatrix {
  const scales = new Array<number>(K).fill(0);
  for (let i = 0; i < w.length; i++) scales[i % K] = Math.max(scales[i % K]!, Math.abs(w[i]!) / 127);
  const q = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) q[i] = scales[i % K] ? Math.round(w[i]! / scales[i % K]!) : 0;
  return { scales, data: pack(new Uint8Array(q.buffer)) };
}

/** The dequantised matrix of quantise (what every prediction uses). */
export function dequantise({ scales, data }: QuantisedMatrix): Float64Array {
  const bytes = unpack(data);
  const q = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const K = scales.length;
  return Float64Array.from(q, (v, i) => v * scales[i % K]!);
}
