import { createHash } from 'node:crypto';

/**
 * A stable stand-in UID ("2.25." + 128-bit integer, the UUID-derived form PS3.5 B.2 allows) for a
 * de-identified file whose Study or Series Instance UID was blanked. The same inputs always give the
 * same UID, so the files of one such series still group together.
 */
export function derivedUid(...parts: (string | number | null)[]): string {
  const digest = createHash('sha256').update(JSON.stringify(parts)).digest();
  let value = 0n;
  for (const byte of digest.subarray(0, 16)) value = (value << 8n) | BigInt(byte);
  return `2.25.${value.toString()}`;
}
