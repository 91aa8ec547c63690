/**
 * An addendum to a signed A0001 report makes a new SR instance: a new SOP Instance UID, the
 * addendum text in it, and a Predecessor Documents Sequence naming the SR of the signature; it
 * passes dciodvfy with zero errors. The SEG (the signed regions) is unchanged.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppCore } from '../../../electron/core/app-core';
import { createLogger } from '../../../electron/core/logging/logger';
import { exportReportDicom } from '../../../electron/core/standards';
import { readPart10 } from '../../../electron/core/standards/dcmjs-writer';
import { hasDcmtk } from '../../support/dcmtk';
import { projectRoot, requireSharedData } from '../../support/shared-data';
import { signedA0001Report } from '../../support/signed-a0001';

const hasDciodvfy = spawnSync('dciodvfy', ['-help'], { stdio: 'ignore' }).error === undefined;

describe.skipIf(!(requireSharedData() && hasDcmtk && hasDciodvfy))('addenda as new SR instances (A0001)', () => {
  it('the addendum SR references its predecessor, carries the addendum, and validates', async () => {
    const fixture = await signedA0001Report();
    const core = await createAppCore({ dataDir: fixture.dataDir, logger: createLogger({ write: () => {} }), modelsDir: join(projectRoot, 'native-models') });
    try {
      const first = await exportReportDicom(core, fixture.reportId);
      core.reports.addAddendum(fixture.reportId, 'Addendum: the nodule was discussed with the referring physician.', 'Jane Reader');
      const second = await exportReportDicom(core, fixture.reportId);
      expect(second.srSopInstanceUid).not.toBe(first.srSopInstanceUid);
      expect(second.segSopInstanceUid).toBe(first.segSopInstanceUid);
      const sr = await readPart10(second.sr);
      const pred = (sr.PredecessorDocumentsSequence as any[])[0];
      expect(pred.StudyInstanceUID).toBe(sr.StudyInstanceUID);
      expect(pred.ReferencedSeriesSequence[0].ReferencedSOPSequence[0].ReferencedSOPInstanceUID).toBe(first.srSopInstanceUid);
      expect(pred.ReferencedSeriesSequence[0].SeriesInstanceUID).toBe((await readPart10(first.sr)).SeriesInstanceUID);
      expect((await readPart10(first.sr)).PredecessorDocumentsSequence).toBeUndefined();
      const file = join(fixture.dataDir, 'addendum-sr.dcm');
      writeFileSync(file, second.sr);
      const v = spawnSync('dciodvfy', [file], { encoding: 'utf8' });
      expect(`${v.stdout}${v.stderr}`.split('\n').filter((m) => /^Error/.test(m))).toEqual([]);
      expect(execFileSync('dsrdump', ['+Pl', file], { encoding: 'utf8' })).toContain('the nodule was discussed with the referring physician');
      expect(readFileSync(file).length).toBeGreaterThan(first.sr.length);
    } finally {
      await core.close();
      rmSync(fixture.dataDir, { recursive: true, force: true });
    }
  });
});
