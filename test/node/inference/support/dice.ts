/** Dice overlap of label `value` between two label maps (1 when neither has it). */
export function dice(a: Uint8Array, b: Uint8Array, value: number): number {
  let na = 0;
  let nb = 0;
  let both = 0;
  for (let q = 0; q < a.length; q++) {
    const x = a[q] === value;
    const y = b[q] === value;
    if (x) na++;
    if (y) nb++;
    if (x && y) both++;
  }
  return na + nb === 0 ? 1 : (2 * both) / (na + nb);
}

/** Byte-for-byte equality of two large typed arrays (vitest's toEqual enumerates keys: too slow for 16M voxels). */
export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}
