import { closeQuietly, nonRegularFileReason, openForReading, readFully, statDescriptor, statPath } from './file-io';
import { PART10_MAGIC_END, part10RejectionReason } from './part10-preamble';

/**
 * Reads at most the first 132 bytes of a file and says why it is not a DICOM Part 10 file, or null when
 * it has the preamble and "DICM" magic. Errors reading the file become reasons too; this never throws.
 */
export async function dicomFileRejectionReason(filePath: string): Promise<string | null> {
  // Type first: a named pipe, device or socket is never opened (opening a FIFO blocks until a writer comes).
  try {
    const reason = nonRegularFileReason(await statPath(filePath));
    if (reason) return reason;
  } catch (e) {
    return readFailure(e);
  }
  let fd: number;
  try {
    fd = await openForReading(filePath);
  } catch (e) {
    return readFailure(e);
  }
  try {
    const stats = await statDescriptor(fd);
    const reason = nonRegularFileReason(stats); // replaced since the stat above
    if (reason) return reason;
    const head = new Uint8Array(Math.min(PART10_MAGIC_END, stats.size));
    const bytesRead = await readFully(fd, head, 0);
    return part10RejectionReason(head.subarray(0, bytesRead), stats.size);
  } catch (e) {
    return readFailure(e);
  } finally {
    void closeQuietly(fd); // nothing waits on the close
  }
}

function readFailure(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'no permission to read the file';
  if (code === 'EISDIR') return 'a folder, not a file';
  return `cannot read the file (${e instanceof Error ? e.message : String(e)})`;
}

/** Quick check: does the file start with the 128-byte preamble and "DICM"? */
export async function isDicomFile(filePath: string): Promise<boolean> {
  return (await dicomFileRejectionReason(filePath)) === null;
}
