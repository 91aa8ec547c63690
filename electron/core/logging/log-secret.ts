/**
 * The per-install secret of log pseudonyms: identifiers in logs are HMAC-SHA256 under it, so a
 * token cannot be reversed by hashing guessed IDs (an unsalted hash of an 8-digit MRN falls in
 * minutes). Kept in `<dataDir>/log-secret` (32 random bytes, 0600, made once with O_EXCL). Until a
 * data folder is named the process uses a random secret of its own (tokens then match within the
 * process only).
 */
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export const LOG_SECRET_FILE = 'log-secret';

let secret: Buffer = randomBytes(32);

export function logSecret(): Buffer {
  return secret;
}

/** Reads the data folder's secret, making it on first use; returns it. */
export function useInstallLogSecret(dataDir: string): Buffer {
  const path = join(dataDir, LOG_SECRET_FILE);
  try {
    const fd = openSync(path, 'wx', 0o600);
    try {
      writeSync(fd, randomBytes(32).toString('hex'));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const hex = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${path} is not a RadGround log secret (64 hex digits)`);
  secret = Buffer.from(hex, 'hex');
  return secret;
}
