import { RadGroundError } from '../../errors/radground-error';
import { closeQuietly, nonRegularFileReason, openForReading, readFully, statDescriptor, statPath } from '../files/file-io';
import { fileAccessError } from '../files/file-errors';
import { parseDicomHeader } from './parse-dicom-header';
import type { ParsedDicomInstance } from './pixel-data-location';

/**
 * How much of the file to read for the header: most CT/CR headers fit in the first 16 KiB; larger ones
 * (e.g. MR with big private blocks) are retried with more, so a huge file is never read whole for its header.
 */
const HEADER_READ_STEPS = [16 * 1024, 1024 * 1024, 16 * 1024 * 1024];
/** Compressed files up to this size are read whole at import so broken fragments are caught early. */
const WALK_FRAGMENTS_UP_TO_BYTES = 64 * 1024 * 1024;

async function readStart(fd: number, length: number, filePath: string): Promise<Uint8Array> {
  const buffer = new Uint8Array(length);
  let filled: number;
  try {
    filled = await readFully(fd, buffer, 0);
  } catch (e) {
    throw fileAccessError(e, filePath);
  }
  return filled === length ? buffer : buffer.subarray(0, filled);
}

/** Refuses named pipes, devices and sockets before opening them (BAD_REQUEST with the reason). */
async function assertRegularFile(filePath: string): Promise<void> {
  let reason: string | null;
  try {
    reason = nonRegularFileReason(await statPath(filePath));
  } catch (e) {
    throw fileAccessError(e, filePath);
  }
  if (reason) throw new RadGroundError('BAD_REQUEST', `${reason}: ${filePath}`, { filePath });
}

/**
 * Reads the header of a DICOM Part 10 file from disk. Only the first 16 KiB are read when the header fits
 * there; uncompressed pixel data stays on disk until it is decoded. Compressed files up to 64 MiB are
 * read whole, to check their fragments.
 */
export async function readDicomHeader(filePath: string): Promise<ParsedDicomInstance> {
  await assertRegularFile(filePath);
  let fd: number;
  try {
    fd = await openForReading(filePath);
  } catch (e) {
    throw fileAccessError(e, filePath);
  }
  try {
    let fileSize: number;
    try {
      const stats = await statDescriptor(fd);
      const reason = nonRegularFileReason(stats);
      if (reason) throw new RadGroundError('BAD_REQUEST', `${reason}: ${filePath}`, { filePath });
      fileSize = stats.size;
    } catch (e) {
      throw e instanceof RadGroundError ? e : fileAccessError(e, filePath);
    }
    const walkFragments = fileSize <= WALK_FRAGMENTS_UP_TO_BYTES;
    for (const step of [...HEADER_READ_STEPS.filter((n) => n < fileSize), fileSize]) {
      const head = await readStart(fd, step, filePath);
      const result = parseDicomHeader(head, filePath, { fileSize, partial: head.length < fileSize, walkFragments });
      if (result.kind === 'parsed') return result.instance;
      if (head.length < step) break; // the file shrank while being read
    }
    throw new RadGroundError('CORRUPT_INPUT', `file changed or shrank while being read: ${filePath}`, { filePath });
  } finally {
    void closeQuietly(fd); // nothing waits on the close
  }
}
