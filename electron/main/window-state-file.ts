import { closeSync, constants, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { parseWindowState, serializeWindowState, WINDOW_STATE_MAX_BYTES, type WindowState } from './window-state';

/**
 * The window state's file in the userData folder: read with a size cap and without waiting on anything
 * that is not a regular file, written atomically (a temporary file in the same folder, then rename), so a
 * crash mid-write leaves the old state or the new one, never half of one.
 */

type Log = (message: string, fields?: Record<string, unknown>) => void;

/** The state saved in `file`, or null: no file, or one ignored with a log line. Never rejects. */
export async function readWindowStateFile(file: string, log: Log): Promise<WindowState | null> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') log('window state unreadable, defaults used', { error: (e as Error).message });
    return null;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return ignored(log, 'not a regular file');
    if (info.size > WINDOW_STATE_MAX_BYTES) return ignored(log, `larger than ${WINDOW_STATE_MAX_BYTES} bytes`);
    const buffer = new Uint8Array(WINDOW_STATE_MAX_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    const parsed = parseWindowState(buffer.subarray(0, bytesRead));
    return 'state' in parsed ? parsed.state : ignored(log, parsed.ignored);
  } catch (e) {
    return ignored(log, (e as Error).message);
  } finally {
    await handle.close().catch(() => {});
  }
}

function ignored(log: Log, reason: string): null {
  log('window state ignored, defaults used', { reason });
  return null;
}

let writes = 0;
/** A temporary name of its own for each write: two writes never share one. */
const tempOf = (file: string) => `${file}.${process.pid}-${++writes}.tmp`;

/** Writes the state atomically (temporary file, then rename). */
export async function writeWindowStateFile(file: string, state: WindowState): Promise<void> {
  const temp = tempOf(file);
  try {
    await writeFile(temp, serializeWindowState(state), { encoding: 'utf8', mode: 0o600 });
    await rename(temp, file);
  } catch (e) {
    await rm(temp, { force: true }).catch(() => {});
    throw e;
  }
}

/**
 * The same, synchronously: for the window's 'close', after which the app may quit before a promise
 * settles. The file is a few hundred bytes.
 */
export function writeWindowStateFileSync(file: string, state: WindowState): void {
  const temp = tempOf(file);
  try {
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, serializeWindowState(state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, file);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw e;
  }
}
