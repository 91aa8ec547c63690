import { describe, expect, it } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import { requireSharedData, sharedData } from '../../support/shared-data';
import { testCoreWithEvents } from '../../support/test-core-with-events';

const hasData = requireSharedData();

describe.skipIf(!hasData)('analysis.run over the API (real A0001 CT)', () => {
  const t = testCoreWithEvents();
  const { events } = t;

  it('publishes progress through its phases, records provenance and returns regions in patient coordinates', async () => {
    const summary = await call(t.env.core, 'studies.import', { paths: [sharedData('ct', 'chest_lung_pet_ct_dx_A0001')] });
    const volumeId = summary.volumes[0]!.volumeId;
    const result = await call(t.env.core, 'analysis.run', { volumeId });
    const phases = events.filter((e) => e.type === 'analysis.progress').map((e) => (e as { phase: string }).phase);
    expect(phases[0]).toBe('loading');
    expect(phases).toEqual(expect.arrayContaining(['preprocess', 'infer', 'postprocess']));
    expect(phases.at(-1)).toBe('done');
    expect(phases.indexOf('infer')).toBeLessThan(phases.indexOf('postprocess'));

    const run = t.env.core.db.prepare('SELECT pack_id, status, execution_provider, onnxruntime_version, file_hashes FROM model_runs WHERE uid = ?').get(result.runId) as { pack_id: string; status: string; execution_provider: string; onnxruntime_version: string; file_hashes: string };
    expect(run).toMatchObject({ pack_id: 'chest-ct', status: 'succeeded', execution_provider: 'cpu' });
    expect(run.onnxruntime_version).toMatch(/^\d+\.\d+/);
    expect(Object.values(JSON.parse(run.file_hashes))).toContain(result.model.sha256);

    const stored = await call(t.env.core, 'regions.list', { volumeId });
    expect(stored.regions.map((r) => r.id).sort()).toEqual(result.regions.map((r) => r.id).sort());
    const mass = stored.regions.find((r) => r.kind === 'finding')!;
    expect(mass.frameOfReferenceUid).toBe(summary.volumes[0]!.frameOfReferenceUid);
    expect(mass.worldBox.min[0]).toBeLessThanOrEqual(mass.centroid[0]);
    expect(mass.centroid[0]).toBeLessThanOrEqual(mass.worldBox.max[0]);
  });
});
