/**
 * Importing a RadGround SR + SEG (issue 13 item 1, nothing heavy on the UI-serving thread): the files
 * are read and parsed by dcmjs in the DICOM worker (~0.2 s of synchronous parsing for A0001's SEG),
 * not on the thread serving the API; the report is restored, and the worker's data set and digest
 * equal what the calling thread reads from the same file.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAppCore } from '../../../electron/core/app-core';
import { call } from '../../../electron/cli/with-core';
import { dicomWorkers } from '../../../electron/core/dicom-worker/dicom-worker-pool';
import { createLogger } from '../../../electron/core/logging/logger';
import { exportReportDicom } from '../../../electron/core/standards';
import { readPart10, readPart10File } from '../../../electron/core/standards/dcmjs-writer';
import { projectRoot, requireSharedData } from '../../support/shared-data';
import { A0001, signedA0001Report } from '../../support/signed-a0001';

// Counts the Part 10 files dcmjs reads on this (the calling) thread; the DICOM worker has its own copy.
vi.mock('../../../electron/core/standards/dcmjs-writer', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/core/standards/dcmjs-writer')>();
  return { ...real, readPart10: vi.fn(real.readPart10), readPart10File: vi.fn(real.readPart10File) };
});

const run = requireSharedData();
const canonical = (ds: unknown) => JSON.stringify(ds, (_k, v: unknown) => (v instanceof ArrayBuffer ? Buffer.from(v).toString('base64') : v));
const openCore = (dataDir: string) => createAppCore({ dataDir, logger: createLogger({ write: () => {} }), modelsDir: join(projectRoot, 'native-models') });

describe.skipIf(!run)('import of an exported SR + SEG, parsed in the DICOM worker (A0001)', () => {
  const dirs: string[] = [];
  let sr: string;
  let seg: string;

  beforeAll(async () => {
    const signed = await signedA0001Report();
    dirs.push(signed.dataDir);
    const core = await openCore(signed.dataDir);
    try {
      const objects = await exportReportDicom(core, signed.reportId);
      sr = join(signed.dataDir, 'report-sr.dcm');
      seg = join(signed.dataDir, 'report-seg.dcm');
      writeFileSync(sr, objects.sr);
      writeFileSync(seg, objects.seg!);
    } finally {
      await core.close();
    }
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('restores the report without dcmjs reading a file on the thread serving the API', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'radground-restore-thread-'));
    dirs.push(dataDir);
    const core = await openCore(dataDir);
    try {
      const reads = vi.mocked(readPart10).mock.calls.length;
      const fileReads = vi.mocked(readPart10File).mock.calls.length;
      const summary = await call(core, 'studies.import', { paths: [sr, seg, A0001()] });
      expect(summary.reportsRestored, JSON.stringify(summary.rejected)).toHaveLength(1);
      expect(vi.mocked(readPart10).mock.calls.length).toBe(reads);
      expect(vi.mocked(readPart10File).mock.calls.length).toBe(fileReads);
    } finally {
      await core.close();
    }
  });

  it('gives the data set and digest the calling thread reads from the same file', async () => {
    for (const file of [sr, seg]) {
      const fromWorker = await dicomWorkers().readPart10File(file, 512 * 1024 * 1024);
      const bytes = readFileSync(file);
      expect(fromWorker).not.toBeNull();
      expect(fromWorker!.digest).toBe(createHash('sha256').update(bytes).digest('hex'));
      // As JSON with the buffers spelled out: dcmjs's own one-item arrays are Proxies, the worker's plain arrays.
      expect(canonical(fromWorker!.ds)).toBe(canonical(await readPart10(bytes)));
    }
    expect(await dicomWorkers().readPart10File(sr, 100)).toBeNull(); // larger than the bound: not opened
  });
});
