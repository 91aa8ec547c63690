import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickReadingVolume } from '../../../electron/shared/geometry/reading-volume';
import { NO_SHARED_DATA_REASON, projectRoot, requireSharedData, sharedData } from '../../support/shared-data';
import { createTestCore } from '../../support/test-core';

const hasData = requireSharedData();

describe.skipIf(!hasData)(`services: one workflow under every transport (${hasData ? 'real CT and MR' : NO_SHARED_DATA_REASON})`, () => {
  let t: Awaited<ReturnType<typeof createTestCore>>;
  beforeAll(async () => {
    t = await createTestCore();
  });
  afterAll(() => t.dispose());

  it('importStudy gives the study of the imported volume; the viewer rule on studies.get picks the volume the core reads', async () => {
    const { studies, volumes } = t.core.services;
    for (const path of [sharedData('ct', 'chest_lung_pet_ct_dx_A0001'), sharedData('mr', 'brain_t1_sag')]) {
      const studyInstanceUid = await studies.importStudy(path);
      const answer = await t.core.dispatch('studies.get', { studyInstanceUid }, { transport: 'in-process' });
      expect(answer.ok).toBe(true);
      const viewerPick = answer.ok ? pickReadingVolume((answer.value as { volumes: { volumeId: string; modality: string | null; dims: number[] }[] }).volumes) : null;
      expect(viewerPick?.volumeId).toBe(volumes.readingVolumeOf(studyInstanceUid));
      expect(await studies.importAndPickVolume(path)).toBe(volumes.readingVolumeOf(studyInstanceUid));
    }
  });

  it('a path that yields no volume is a typed error, not a crash', async () => {
    await expect(t.core.services.studies.importAndPickVolume(join(projectRoot, 'README.md'))).rejects.toMatchObject({ code: 'UNSUPPORTED_INPUT' });
  });

  it('the API handler answers what the service answers (reports.options on the MR: no drafting pack fits)', async () => {
    const studyInstanceUid = await t.core.services.studies.importStudy(sharedData('mr', 'brain_t1_sag'));
    const direct = await t.core.services.reports.options(studyInstanceUid);
    const viaApi = await t.core.dispatch('reports.options', { studyInstanceUid }, { transport: 'in-process' });
    expect(viaApi).toEqual({ ok: true, value: direct });
    expect(direct.draftingPackId).toBeNull();
    expect(direct.reason).toBeTruthy();
  });
});
