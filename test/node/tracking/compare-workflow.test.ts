/**
 * `radground compare` end to end on real data: A0001 (../shared/data) against a copy of itself
 * written as another exam of the patient (new UIDs and frame of reference, ImagePositionPatient
 * translated by a known vector): the --json document has the documented shape, the registration
 * recovers the translation, every finding pairs as stable; then the API channels a renderer will
 * use: the stored comparison, the reader's nudge and re-pairing, kept with the pair.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../electron/cli/run-cli';
import { createAppCore, type AppCore } from '../../../electron/core/app-core';
import { call } from '../../../electron/cli/with-core';
import { NO_SHARED_DATA_REASON, projectRoot, requireSharedData, sharedData } from '../../support/shared-data';
import { loadDicomSeries } from '../analysis/support/chest-ct';
import { translatedCopy } from '../registration/support/rigid-copies';
import { writeSeriesCopy } from '../registration/support/write-series-copy';

const run = requireSharedData();
/** The copy is the prior: its patient coordinates + SHIFT = the original's. */
const SHIFT: [number, number, number] = [18, -25, 35];

describe.skipIf(!run)(`radground compare on A0001 and a shifted copy${run ? '' : ` (skipped: ${NO_SHARED_DATA_REASON})`}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rg-compare-'));
  const copyDir = join(dataDir, 'copy');
  const currentDir = sharedData('ct', 'chest_lung_pet_ct_dx_A0001');
  let doc: any;

  beforeAll(async () => {
    const original = await loadDicomSeries('ct/chest_lung_pet_ct_dx_A0001');
    writeSeriesCopy(translatedCopy(original, SHIFT, 'unused'), copyDir, { uidRoot: '1.2.826.0.1.3680043.10.1234.7', studyDate: '20190101', patientName: 'COPY^A0001', patientId: 'A0001-COPY' });
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(['compare', currentDir, copyDir, '--data-dir', dataDir, '--json'], {
      io: { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) },
      env: {},
      rendererDir: '/none',
      modelsDir: join(projectRoot, 'native-models'),
    });
    if (code !== 0) throw new Error(`compare exited ${code}: ${err.join('').slice(-2000)}; stdout: ${out.join('').slice(-1000)}`);
    expect(out).toHaveLength(1);
    doc = JSON.parse(out[0]!);
  });

  it('prints one JSON document of the documented shape', () => {
    const r = doc.registration;
    expect(r.method).toBe('rigid-ncc-multiresolution');
    expect(r.sameFrameOfReference).toBe(false);
    expect(r.matrix).toHaveLength(16);
    expect(r.matrix.every((v: unknown) => typeof v === 'number')).toBe(true);
    expect(r.matrix.slice(12)).toEqual([0, 0, 0, 1]);
    expect(r.translationMm).toHaveLength(3);
    expect(typeof r.rotationDeg).toBe('number');
    expect(r.quality).toBeGreaterThan(0.9);
    expect(r.quality).toBeLessThanOrEqual(1);
    expect(r.durationMs).toBeGreaterThan(0);
    expect(Array.isArray(doc.pairs)).toBe(true);
    for (const p of doc.pairs) {
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['current', 'prior', 'status', 'diameterChangeMm', 'volumeChangePct', 'doublingTimeDays']));
      for (const side of [p.current, p.prior]) {
        if (side) expect(Object.keys(side).sort()).toEqual(['centroid', 'diameterMm', 'label', 'laterality', 'regionId', 'volumeMl', 'zone']);
      }
    }
  });

  it('recovers the translation of the copy (PRIOR -> CURRENT) within 2 mm', () => {
    const [dx, dy, dz] = doc.registration.translationMm;
    expect(Math.hypot(dx - SHIFT[0], dy - SHIFT[1], dz - SHIFT[2])).toBeLessThanOrEqual(2);
    expect(doc.registration.rotationDeg).toBeLessThan(0.5);
  });

  it('pairs every finding of the copy with the same finding, as stable', () => {
    expect(doc.pairs.length).toBeGreaterThan(0);
    for (const p of doc.pairs) {
      expect(p.status).toBe('stable');
      expect(p.current).not.toBeNull();
      expect(p.prior).not.toBeNull();
      expect(Math.abs(p.diameterChangeMm)).toBeLessThanOrEqual(0.5);
      expect(p.doublingTimeDays).toBeNull();
    }
  });

  describe('the compare.* API channels', () => {
    let core: AppCore;
    beforeAll(async () => {
      core = await createAppCore({ dataDir, modelsDir: join(projectRoot, 'native-models') });
    });
    afterAll(async () => core?.close());

    const studies = () => ({ currentStudyInstanceUid: doc.current.studyInstanceUid, priorStudyInstanceUid: doc.prior.studyInstanceUid });

    it('compare.get returns the cached comparison; compare.run reuses it', async () => {
      const stored = await call(core, 'compare.get', studies());
      expect(stored.comparison!.registration.id).toBe(doc.registration.id);
      const again = await call(core, 'compare.run', studies());
      expect(again.registration.matrix).toEqual(doc.registration.matrix);
      expect(again.registration.durationMs).toBe(stored.comparison!.registration.durationMs);
    });

    it('a nudge is added after the automatic result and saved with the pair', async () => {
      const nudged = await call(core, 'compare.nudge', { registrationId: doc.registration.id, translationMm: [1, -2, 3] });
      expect(nudged.registration.translationMm[0]).toBeCloseTo(doc.registration.translationMm[0] + 1, 2);
      expect(nudged.registration.translationMm[2]).toBeCloseTo(doc.registration.translationMm[2] + 3, 2);
      expect((await call(core, 'compare.get', studies())).comparison!.registration.nudgeMm).toEqual([1, -2, 3]);
      await call(core, 'compare.nudge', { registrationId: doc.registration.id, translationMm: [0, 0, 0] });
    });

    it('unpairing and re-pairing are stored', async () => {
      const first = doc.pairs[0];
      const ids = { registrationId: doc.registration.id, currentRegionId: first.current.regionId, priorRegionId: first.prior.regionId };
      const unpaired = await call(core, 'compare.repair', { ...ids, action: 'unpair' });
      expect(unpaired.pairs.some((p) => p.current?.regionId === ids.currentRegionId && p.prior?.regionId === ids.priorRegionId)).toBe(false);
      expect((await call(core, 'compare.get', studies())).comparison!.pairs.find((p) => p.current?.regionId === ids.currentRegionId)!.prior?.regionId).not.toBe(ids.priorRegionId);
      const repaired = await call(core, 'compare.repair', { ...ids, action: 'pair' });
      const pair = repaired.pairs.find((p) => p.current?.regionId === ids.currentRegionId)!;
      expect(pair.prior!.regionId).toBe(ids.priorRegionId);
      expect(pair.pairedBy).toBe('user');
      await expect(call(core, 'compare.repair', { ...ids, currentRegionId: ids.priorRegionId, priorRegionId: ids.currentRegionId, action: 'pair' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });
  });
});
