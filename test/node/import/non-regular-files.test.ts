/** Named pipes (and other non-regular files) are skipped with a reason before they are opened: importing one never hangs. */
import { spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import { classifyDicomFiles, readDicomHeader } from '../../../electron/core/dicom/index';
import { createTestCore } from '../../support/test-core';

const canMakeFifo = process.platform !== 'win32';

/** Fails (instead of hanging the suite) when `promise` takes longer than `ms`. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} still running after ${ms} ms`)), ms))]);
}

describe.skipIf(!canMakeFifo)('named pipes are skipped before opening', () => {
  let dir = '';
  let fifo = '';
  let env: Awaited<ReturnType<typeof createTestCore>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radground-fifo-'));
    fifo = join(dir, 'x.dcm');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    env = await createTestCore();
  });
  afterAll(async () => {
    // Release any reader a regression left blocked on the pipe, so the thread pool drains.
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader waiting: nothing to release
    }
    await env.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the classifier names a FIFO as not a regular file', async () => {
    const result = await within(classifyDicomFiles([fifo]), 3000, 'classifying a FIFO');
    expect(result.accepted).toEqual([]);
    expect(result.rejected).toEqual([{ path: fifo, reason: expect.stringMatching(/named pipe \(FIFO\)/) }]);
  });

  it('reading a FIFO as DICOM is a typed BAD_REQUEST, at once', async () => {
    await expect(within(readDicomHeader(fifo), 3000, 'reading a FIFO')).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/named pipe/) });
  });

  it('import of the FIFO itself and of its folder finishes, with the reason in the summary', async () => {
    const summary = await within(call(env.core, 'studies.import', { paths: [fifo] }), 5000, 'importing a FIFO');
    expect(summary.rejected).toEqual([{ path: fifo, code: 'NOT_REGULAR_FILE', reason: expect.stringMatching(/named pipe/) }]);
    const folder = await within(call(env.core, 'studies.import', { paths: [dir] }), 5000, 'importing a folder with a FIFO');
    expect(folder.added.instances).toBe(0);
  });
});
