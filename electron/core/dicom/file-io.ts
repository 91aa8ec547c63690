import { close, fstat, open, read, readv, type Stats } from 'node:fs';

/**
 * Thin promise wrappers over callback fs calls on raw descriptors: the import path opens thousands of
 * small files, and FileHandle objects cost noticeably more per call than these.
 */
export function openForReading(filePath: string): Promise<number> {
  return new Promise((resolve, reject) => open(filePath, 'r', (e, fd) => (e ? reject(e) : resolve(fd))));
}

export function statDescriptor(fd: number): Promise<Stats> {
  return new Promise((resolve, reject) => fstat(fd, (e, stats) => (e ? reject(e) : resolve(stats))));
}

/** Reads into `into` from `position` until it is full or the file ends; returns the bytes read. */
export async function readFully(fd: number, into: Uint8Array, position: number): Promise<number> {
  let filled = 0;
  while (filled < into.length) {
    const n = await new Promise<number>((resolve, reject) =>
      read(fd, into, filled, into.length - filled, position + filled, (e, bytesRead) => (e ? reject(e) : resolve(bytesRead))),
    );
    if (n === 0) break;
    filled += n;
  }
  return filled;
}

/** One scatter read of consecutive file bytes into several buffers; may return short, like readv(2). */
export function readVector(fd: number, buffers: Uint8Array[], position: number): Promise<number> {
  return new Promise((resolve, reject) =>
    readv(fd, buffers, position, (e, bytesRead) => (e ? reject(e) : resolve(bytesRead))),
  );
}

/** Closes a descriptor; never rejects, so callers may leave it running instead of waiting. */
export function closeQuietly(fd: number): Promise<void> {
  return new Promise((resolve) => close(fd, () => resolve()));
}
