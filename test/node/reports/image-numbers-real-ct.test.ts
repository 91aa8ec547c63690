/**
 * One image numbering on a real CT: A0001's InstanceNumbers run 64 (bottom slice) to 1 (top), so
 * slice 44 of 64 is image 21. The report's citation, the numbers the viewer gets through the API,
 * and the exported key image's caption must all say 21 there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import type { Vec3 } from '../../../electron/core/dicom/dicom-instance';
import { indexToWorld, worldBoxToVoxelBox } from '../../../electron/shared/geometry/grid';
import type { Mat3 } from '../../../electron/core/geometry/mat3';
import type { Region } from '../../../electron/core/regions/region';
import { saveRegions } from '../../../electron/core/regions/region-repository';
import { sliceLocatorFromHeaders } from '../../../electron/core/reports/drafting/slice-locator';
import { listSeriesInstances } from '../../../electron/core/study-index';
import type { VolumeMeta } from '../../../electron/shared/api/channels/study-channels';
import { requireSharedData, sharedData } from '../../support/shared-data';
import { createTestCore } from '../../support/test-core';

const hasData = requireSharedData();

describe.skipIf(!hasData)('image numbers agree between report, viewer and export (real A0001 CT)', () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  let volumeId: string;
  let meta: VolumeMeta;
  const grid = () => ({ ...meta, direction: meta.direction as Mat3 });

  beforeAll(async () => {
    env = await createTestCore();
    const summary = await call(env.core, 'studies.import', { paths: [sharedData('ct', 'chest_lung_pet_ct_dx_A0001')] });
    volumeId = summary.volumes[0]!.volumeId;
    meta = (await call(env.core, 'volumes.get', { volumeId })).meta;
  });
  afterAll(async () => {
    await env.dispose();
  });

  it('the viewer gets each slice’s InstanceNumber (not its stack position) through the API', async () => {
    const headers = listSeriesInstances(env.core.db, meta.seriesInstanceUid!);
    const byUid = new Map(headers.map((h) => [h.sopInstanceUid, h.instanceNumber]));
    expect(meta.dims[2]).toBe(64);
    expect(meta.imageNumbering.rule).toBe('instance-number');
    expect(meta.imageNumbering.numbers).toEqual(meta.sopInstanceUids.map((u) => byUid.get(u!)));
    expect(meta.imageNumbering.numbers[43]).toBe(21);
    expect(meta.imageNumbering.numbers.filter((n, k) => n === k + 1)).toHaveLength(0);
    expect((await call(env.core, 'volumes.getGeometry', { volumeId })).imageNumbering).toEqual(meta.imageNumbering);
  });

  it('the report’s locator cites, for a point on any slice, the number the viewer shows on that slice', () => {
    const locate = sliceLocatorFromHeaders(listSeriesInstances(env.core.db, meta.seriesInstanceUid!));
    for (let k = 0; k < 64; k++) {
      for (const dk of [-0.45, 0, 0.45]) {
        expect(locate(indexToWorld(grid(), [300, 200, k + dk]), meta.seriesInstanceUid)).toEqual({ seriesNumber: 2, instanceNumber: meta.imageNumbering.numbers[k] });
      }
    }
    expect(locate(indexToWorld(grid(), [300, 200, -2]), meta.seriesInstanceUid)).toBeNull();
    expect(locate(indexToWorld(grid(), [300, 200, 10]), '1.2.3.4')).toBeNull();
  });

  it('a drafted finding on slice 44 of 64 cites image 21, and so does its key image in the HTML export', async () => {
    const centroid: Vec3 = indexToWorld(grid(), [330, 220, 43]);
    const worldBox = { min: centroid.map((c) => c - 6) as Vec3, max: centroid.map((c) => c + 6) as Vec3 };
    const region: Region = {
      id: 'a0001-finding',
      label: 'nodule',
      kind: 'finding',
      code: null,
      laterality: 'left',
      zone: 'upper',
      volumeId,
      seriesInstanceUid: meta.seriesInstanceUid,
      frameOfReferenceUid: meta.frameOfReferenceUid,
      voxelBox: worldBoxToVoxelBox(grid(), worldBox)!,
      worldBox,
      centroid,
      volumeMl: 0.9,
      diameterMm: 12,
      meanHu: 20,
      confidence: 0.9,
      mask: null,
      runId: null,
    };
    saveRegions(env.core.db, null, [region]);
    const studyUid = listSeriesInstances(env.core.db, meta.seriesInstanceUid!)[0]!.studyInstanceUid;
    const report = env.core.reports.createDraft(studyUid, { author: 'test', regions: [region], prior: null });
    const sentence = report.sections.find((s) => s.name === 'findings')!.sentences.find((s) => s.regionIds.includes(region.id))!;
    expect(sentence.text).toMatch(/\(series 2, image 21\)\.$/);
    const html = await env.core.reports.exportHtml(report.id, (id) => env.core.volumes.load(id));
    expect(html).toContain('series 2, image 21 (slice 44 of 64; SOP Instance');
  });
});
