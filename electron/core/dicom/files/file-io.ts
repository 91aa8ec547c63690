import { close, constants, fstat, open, read, readv, stat, type Stats } from 'node:fs';

/**
 * Thin promise wrappers over callback fs calls on raw descriptors: the import path opens thousands of
 * small files, and FileHandle objects cost noticeably more per call than these.
 */
/**
 * Opens read-only and non-blocking where the platform has O_NONBLOCK: opening a named pipe (FIFO) with no
 * writer then returns at once instead of blocking a thread-pool thread (and the import) forever. Regular
 * files read the same either way; callers check the type (nonRegularFileReason) before reading.
 */
export function openForReading(filePath: string): Promise<number> {
  const flags = constants.O_NONBLOCK === undefined ? 'r' : constants.O_RDONLY | constants.O_NONBLOCK;
  return new Promise((resolve, reject) => open(filePath, flags, (e, fd) => (e ? reject(e) : resolve(fd))));
}

export function statPath(filePath: string): Promise<Stats> {
  return new Promise((resolve, reject) => stat(filePath, (e, stats) => (e ? reject(e) : resolve(stats))));
}

/** Why something that is not a regular file cannot be imported (named pipes, devices, sockets, folders), or null for a regular file. */
export function nonRegularFileReason(stats: Stats): string | null {
  if (stats.isFile()) return null;
  if (stats.isFIFO()) return 'not a regular file: a named pipe (FIFO), skipped without opening it';
  if (stats.isSocket()) return 'not a regular file: a socket, skipped without opening it';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'not a regular file: a device, skipped without opening it';
  if (stats.isDirectory()) return 'a folder, not a file';
  return 'not a regular file, skipped without opening it';
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
