/**
 * The pacs.* API channels against a real Orthanc seeded with A0001 and an older study of the same
 * patient (a few A0001 slices re-identified with dcmodify: new study, series and instance UIDs,
 * an earlier date): query marks what the index holds, retrieve reports progress events and can be
 * cancelled, and "fetch priors" brings the patient's missing study in one action.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import type { ApiEvent } from '../../../electron/shared/api/events';
import { hasDcmtk } from '../../support/dcmtk';
import { requireOrthanc, startOrthanc, type TestOrthanc } from '../../support/orthanc';
import { requireSharedData } from '../../support/shared-data';
import { A0001 } from '../../support/signed-a0001';
import { createTestCore } from '../../support/test-core';

const STUDY = '1.3.6.1.4.1.14519.5.2.1.6655.2359.165554066086145834377508507990';
const PRIOR = '2.25.111222333444555666777888999000111';

describe.skipIf(!(requireSharedData() && requireOrthanc() && hasDcmtk))('pacs.* channels with a real Orthanc', () => {
  let orthanc: TestOrthanc;
  let priorDir: string;
  const files = () => readdirSync(A0001()).filter((f) => f.endsWith('.dcm')).sort().map((f) => join(A0001(), f));

  beforeAll(async () => {
    priorDir = mkdtempSync(join(tmpdir(), 'radground-prior-'));
    const prior = files().slice(0, 6).map((f, i) => {
      const to = join(priorDir, `p${i}.dcm`);
      copyFileSync(f, to);
      return to;
    });
    execFileSync('dcmodify', ['-nb', '-gin', '-m', `StudyInstanceUID=${PRIOR}`, '-m', 'SeriesInstanceUID=2.25.111222333444555666777888999000222', '-m', 'StudyDate=20060301', '-m', 'AccessionNumber=PRIOR1', ...prior]);
    orthanc = await startOrthanc();
    await orthanc.seed([...files(), ...prior]);
  });
  afterAll(async () => {
    await orthanc?.stop();
    rmSync(priorDir, { recursive: true, force: true });
  });

  it('query, retrieve with progress events, cancel, and fetch priors in one action', async () => {
    const t = await createTestCore();
    const events: ApiEvent[] = [];
    t.core.events.subscribe((e) => void events.push(e));
    try {
      await call(t.core, 'pacs.nodes.save', { node: { id: 'orthanc', name: 'Test Orthanc', url: orthanc.dicomWeb, auth: { kind: 'none' } } });
      const found = await call(t.core, 'pacs.query', { nodeId: 'orthanc', patient: 'Lung_Dx-A0001' });
      expect(found.studies.map((s) => [s.studyInstanceUid, s.studyDate, s.local]).sort()).toEqual([
        [STUDY, '20070404', false],
        [PRIOR, '20060301', false],
      ]);
      expect((await call(t.core, 'pacs.query', { nodeId: 'orthanc', accession: 'PRIOR1' })).studies.map((s) => s.studyInstanceUid)).toEqual([PRIOR]);
      expect((await call(t.core, 'pacs.query', { nodeId: 'orthanc', studyDate: '20070101-20071231', modality: 'CT' })).studies.map((s) => s.studyInstanceUid)).toEqual([STUDY]);

      // Cancel while it runs: CANCELLED, then the same retrieve id can run to the end.
      let cancelled = false;
      const stop = t.core.events.subscribe((e) => {
        if (e.type === 'pacs.retrieve.progress' && e.retrieveId === 'r1' && e.instances === 2 && !cancelled) {
          cancelled = true;
          void call(t.core, 'pacs.cancel', { retrieveId: 'r1' });
        }
      });
      await expect(call(t.core, 'pacs.retrieve', { nodeId: 'orthanc', retrieveId: 'r1', studyInstanceUid: STUDY })).rejects.toMatchObject({ code: 'CANCELLED' });
      stop();
      const summary = await call(t.core, 'pacs.retrieve', { nodeId: 'orthanc', retrieveId: 'r1', studyInstanceUid: STUDY });
      expect(summary.added.instances + summary.rejected.length).toBe(files().length);
      const progress = events.filter((e): e is Extract<ApiEvent, { type: 'pacs.retrieve.progress' }> => e.type === 'pacs.retrieve.progress' && e.retrieveId === 'r1');
      expect(progress.at(-1)).toMatchObject({ instances: files().length, total: files().length, studyInstanceUid: STUDY });
      expect((await call(t.core, 'pacs.query', { nodeId: 'orthanc', studyInstanceUid: STUDY })).studies[0]!.local).toBe(true);

      const priors = await call(t.core, 'pacs.fetchPriors', { nodeId: 'orthanc', retrieveId: 'p1', studyInstanceUid: STUDY });
      expect(priors).toEqual({ retrieved: [{ studyInstanceUid: PRIOR, instances: 6 }], alreadyLocal: 1 });
      const local = await call(t.core, 'studies.get', { studyInstanceUid: PRIOR });
      expect(local.study.studyDate).toBe('20060301');
      expect((await call(t.core, 'pacs.fetchPriors', { nodeId: 'orthanc', retrieveId: 'p1', studyInstanceUid: STUDY })).retrieved).toEqual([]);
      await expect(call(t.core, 'pacs.query', { nodeId: 'nowhere' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      await t.dispose();
    }
  });
});
