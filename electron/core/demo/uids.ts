/**
 * Deterministic DICOM UIDs: "2.25." followed by the decimal value of 128 bits of a SHA-256 hash of
 * the seed and a label (the ISO/IEC 9834-8 UUID-derived UID form). Regenerating with the same seed
 * gives the same UIDs; different labels or seeds give different ones.
 */
import { createHash } from 'node:crypto';

export function demoUid(seed: number, label: string): string {
  const digest = createHash('sha256').update(`radground-demo|${seed}|${label}`).digest();
  let value = 0n;
  for (const byte of digest.subarray(0, 16)) value = (value << 8n) | BigInt(byte);
  if (value === 0n) value = 1n;
  return `2.25.${value.toString(10)}`;
}

/** Identifies the writer in the file meta information (constant). */
export const IMPLEMENTATION_CLASS_UID = demoUid(0, 'implementation-class');
export const IMPLEMENTATION_VERSION_NAME = 'RADGROUND_DEMO1';
