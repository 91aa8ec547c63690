import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importedNothing } from '../../../electron/core/import/rejection-codes';
import { listRejectedFiles } from '../../../electron/core/study-index';
import { call } from '../../../electron/cli/with-core';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { createTestCore } from '../../support/test-core';

const hasData = requireSharedData();

describe.skipIf(!hasData)(`import summary codes (${hasData ? 'real CR' : NO_SHARED_DATA_REASON})`, () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  let dir: string;
  beforeAll(async () => {
    env = await createTestCore();
    dir = join(env.dataDir, 'inputs');
    mkdirSync(dir);
    const cr = sharedData('cxr', 'siim_CR_jpegbaseline.dcm');
    copyFileSync(cr, join(dir, 'cr.dcm'));
    copyFileSync(cr, join(dir, 'cr-copy.dcm'));
    writeFileSync(join(dir, 'notes.txt'), 'not an image');
    writeFileSync(join(dir, 'truncated.dcm'), readFileSync(cr).subarray(0, 700));
    writeFileSync(join(dir, 'volume.nii.gz'), 'x');
  });
  afterAll(() => env.dispose());

  it('gives every rejected file a typed code and its reason; a duplicate says "already imported"', async () => {
    const summary = await call(env.core, 'studies.import', { paths: [dir, join(dir, 'missing.dcm')] });
    expect(summary.added.instances).toBe(1);
    const byName = Object.fromEntries(summary.rejected.map((r) => [r.path.split('/').pop(), r]));
    expect(byName['missing.dcm']).toMatchObject({ code: 'NOT_FOUND', reason: 'no such file or folder' });
    expect(byName['notes.txt']).toMatchObject({ code: 'NOT_DICOM', reason: expect.stringMatching(/not a DICOM Part 10 file/) });
    expect(byName['volume.nii.gz']).toMatchObject({ code: 'NIFTI_NOT_INDEXED' });
    expect(byName['truncated.dcm']?.code).toBe('CORRUPT_INPUT');
    // The two copies share a SOP Instance UID: one is imported, the other names it.
    const copies = ['cr.dcm', 'cr-copy.dcm'].map((n) => byName[n]).filter(Boolean);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ code: 'ALREADY_IMPORTED', reason: expect.stringMatching(/^already imported \(the same SOP Instance UID as .*cr(-copy)?\.dcm\)$/) });
    expect(importedNothing(summary)).toBe(false);
    // Failures are remembered; files already in the index are not failures.
    const remembered = listRejectedFiles(env.core.db).map((r) => r.path.split('/').pop());
    expect(remembered).toEqual(expect.arrayContaining(['notes.txt', 'truncated.dcm']));
    expect(remembered).not.toContain(copies[0]!.path.split('/').pop());
  });

  it('a second import of the same file says "already imported" and still counts as imported', async () => {
    const { file_path: indexed } = env.core.db.prepare('SELECT file_path FROM instances').get() as { file_path: string };
    const again = await call(env.core, 'studies.import', { paths: [indexed] });
    expect(again.added.instances).toBe(0);
    expect(again.rejected).toEqual([{ path: indexed, code: 'ALREADY_IMPORTED', reason: 'already imported' }]);
    expect(importedNothing(again)).toBe(false);
    const nothing = await call(env.core, 'studies.import', { paths: [join(dir, 'notes.txt')] });
    expect(importedNothing(nothing)).toBe(true);
  });
});
