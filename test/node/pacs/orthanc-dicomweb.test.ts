/**
 * DICOMweb against a real Orthanc (test/support/orthanc.ts) seeded with A0001: QIDO-RS query through
 * the CLI, WADO-RS retrieve into the index (the same files and the same voxels as importing them
 * directly), STOW-RS of a signed report's SR + SEG into the study, and the node boundary.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPaths } from '../../../electron/core/import/import-paths';
import { PacsError, retrieveIntoIndex, searchSeries } from '../../../electron/core/pacs';
import { resolveOnNode, parseNodeRoot } from '../../../electron/core/pacs/node-url';
import { requireOrthanc, startOrthanc, type TestOrthanc } from '../../support/orthanc';
import { requireSharedData } from '../../support/shared-data';
import { A0001, cliJson, signedA0001Report } from '../../support/signed-a0001';
import { createTestCore } from '../../support/test-core';

const STUDY = '1.3.6.1.4.1.14519.5.2.1.6655.2359.165554066086145834377508507990';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe.skipIf(!(requireSharedData() && requireOrthanc()))('DICOMweb with a real Orthanc', () => {
  let orthanc: TestOrthanc;
  // Read in beforeAll: a skipped describe's body still runs (collection), without the data present.
  let files: string[] = [];

  beforeAll(async () => {
    files = readdirSync(A0001()).filter((f) => f.endsWith('.dcm')).map((f) => join(A0001(), f));
    orthanc = await startOrthanc();
    await orthanc.seed(files);
  });
  afterAll(async () => orthanc?.stop());

  it('pacs query finds the seeded study by patient and by modality, and nothing for another patient', async () => {
    const byPatient = await cliJson(['pacs', 'query', '--url', orthanc.dicomWeb, '--patient', 'Lung_Dx-A0001']);
    expect(byPatient.code, byPatient.stderr).toBe(0);
    expect(byPatient.value.studies).toEqual([{ studyInstanceUid: STUDY, patientId: 'Lung_Dx-A0001', patientName: 'Lung_Dx-A0001', studyDate: '20070404', modalities: ['CT'], description: 'Chest' }]);
    expect((await cliJson(['pacs', 'query', '--url', orthanc.dicomWeb, '--modality', 'CT'])).value.studies.map((s: { studyInstanceUid: string }) => s.studyInstanceUid)).toEqual([STUDY]);
    expect((await cliJson(['pacs', 'query', '--url', orthanc.dicomWeb, '--patient', 'NOBODY'])).value.studies).toEqual([]);
  });

  it('retrieve imports every instance: the same files and voxels as importing them directly; progress counts up; cancel stops it', async () => {
    const viaPacs = await createTestCore();
    const direct = await createTestCore();
    try {
      const progress: number[] = [];
      const totals: (number | null)[] = [];
      const summary = await retrieveIntoIndex(
        { db: viaPacs.core.db, logger: viaPacs.core.logger, publish: () => {}, dataDir: viaPacs.dataDir },
        { url: orthanc.dicomWeb, auth: { kind: 'none' } },
        { studyInstanceUid: STUDY },
        { onProgress: (p) => (progress.push(p.instances), totals.push(p.total)) },
      );
      expect(summary.added.instances).toBe(files.length);
      expect(summary.rejected).toEqual([]);
      expect(progress.at(-1)).toBe(files.length);
      expect(totals.at(-1)).toBe(files.length); // the QIDO count, however late it answered
      const retrieved = readdirSync(join(viaPacs.dataDir, 'pacs'), { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
      expect(retrieved.map((d) => sha(readFileSync(join(d.parentPath, d.name)))).sort()).toEqual(files.map((f) => sha(readFileSync(f))).sort());
      const local = await importPaths({ db: direct.core.db, logger: direct.core.logger, publish: () => {} }, [A0001()]);
      const [a, b] = [summary.volumes[0]!, local.volumes[0]!];
      const va = await viaPacs.core.volumes.load(a.volumeId);
      const vb = await direct.core.volumes.load(b.volumeId);
      expect(va.dims).toEqual(vb.dims);
      expect(Buffer.from(va.scalars.buffer, va.scalars.byteOffset, va.scalars.byteLength).equals(Buffer.from(vb.scalars.buffer, vb.scalars.byteOffset, vb.scalars.byteLength))).toBe(true);

      const controller = new AbortController();
      const cancelled = retrieveIntoIndex(
        { db: viaPacs.core.db, logger: viaPacs.core.logger, publish: () => {}, dataDir: viaPacs.dataDir },
        { url: orthanc.dicomWeb, auth: { kind: 'none' } },
        { studyInstanceUid: STUDY },
        { signal: controller.signal, onProgress: (p) => p.instances === 3 && controller.abort() },
      );
      await expect(cancelled).rejects.toMatchObject({ failure: 'CANCELLED', code: 'CANCELLED' });
    } finally {
      await viaPacs.dispose();
      await direct.dispose();
    }
  });

  it('pacs send stores the signed report SR and SEG in the same study; a query shows them', async () => {
    const fixture = await signedA0001Report();
    try {
      const sent = await cliJson<{ sent: { sopClassUid: string; sopInstanceUid: string }[]; status: string }>(['pacs', 'send', fixture.reportId, '--url', orthanc.dicomWeb, '--data-dir', fixture.dataDir]);
      expect(sent.code, sent.stderr).toBe(0);
      expect(sent.value.status).toBe('stored');
      expect(sent.value.sent.map((s) => s.sopClassUid).sort()).toEqual(['1.2.840.10008.5.1.4.1.1.66.4', '1.2.840.10008.5.1.4.1.1.88.34']);
      const series = await searchSeries({ url: orthanc.dicomWeb, auth: { kind: 'none' } }, STUDY);
      expect(series.map((s) => s.modality).sort()).toEqual(['CT', 'SEG', 'SR']);
      const query = await cliJson(['pacs', 'query', '--url', orthanc.dicomWeb, '--study', STUDY]);
      expect([...query.value.studies[0].modalities].sort()).toEqual(['CT', 'SEG', 'SR']);
    } finally {
      rmSync(fixture.dataDir, { recursive: true, force: true });
    }
  });

  it('never leaves the node: other origins and paths climbing out of the root are refused, and so is a URL that is not http(s)', async () => {
    const root = parseNodeRoot(orthanc.dicomWeb);
    expect(() => resolveOnNode(root, 'http://example.org/studies')).toThrow(PacsError);
    expect(() => resolveOnNode(root, '//example.org/studies')).toThrow(PacsError);
    expect(() => resolveOnNode(root, '../instances')).toThrow(PacsError);
    expect(resolveOnNode(root, 'studies').href).toBe(`${orthanc.dicomWeb}/studies`);
    const bad = await cliJson(['pacs', 'query', '--url', 'ftp://127.0.0.1/dicom-web']);
    expect(bad.code).not.toBe(0);
  });
});
