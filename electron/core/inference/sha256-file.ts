import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

/** Hashes already computed this process, keyed by path and invalidated by size or mtime. */
const cache = new Map<string, { stamp: string; sha256: string }>();

/**
 * sha256 (lower-case hex) of a file, streamed so that large weights neither block the event loop
 * nor sit in memory. A file unchanged since its last hash (same inode, size, mtime and ctime; ctime
 * cannot be set back by utimes) is not re-read.
 */
export async function sha256File(path: string): Promise<string> {
  const st = await stat(path);
  const stamp = `${st.ino}:${st.size}:${st.mtimeMs}:${st.ctimeMs}`;
  const hit = cache.get(path);
  if (hit && hit.stamp === stamp) return hit.sha256;
  const hash = createHash('sha256');
  await new Promise<void>((resolve, reject) => {
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve());
  });
  const sha256 = hash.digest('hex');
  cache.set(path, { stamp, sha256 });
  return sha256;
}
