import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeVolume, type AnalysisDeps } from '../../../electron/core/analysis/analyze-volume';
import { getModelRun } from '../../../electron/core/inference';
import { call } from '../../../electron/cli/with-core';
import { requireSharedData, sharedData } from '../../support/shared-data';
import { createTestCore } from '../../support/test-core';

const hasData = requireSharedData();

describe.skipIf(!hasData)('cancelling a chest-ct analysis that runs in the worker (real A0001 CT)', () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  let deps: AnalysisDeps;
  let volumeId: string;
  beforeAll(async () => {
    env = await createTestCore();
    deps = { db: env.core.db, worker: env.core.inference, volumes: env.core.volumes, modelRoots: env.core.modelRoots };
    const summary = await call(env.core, 'studies.import', { paths: [sharedData('ct', 'chest_lung_pet_ct_dx_A0001')] });
    volumeId = summary.volumes[0]!.volumeId;
  });
  afterAll(async () => env.dispose());

  it('aborting during post-processing rejects with CANCELLED at once and records the run as cancelled; the same worker then analyses again', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const error = await analyzeVolume(deps, volumeId, 'chest-ct', {
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'postprocess' && !abortedAt) {
          abortedAt = performance.now();
          controller.abort();
        }
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    const rejectedAt = performance.now();
    expect(error).toMatchObject({ code: 'CANCELLED' });
    expect(abortedAt).toBeGreaterThan(0);
    expect(rejectedAt - abortedAt).toBeLessThan(100);
    const runs = env.core.db.prepare('SELECT uid FROM model_runs').all() as { uid: string }[];
    expect(runs.map((r) => getModelRun(env.core.db, r.uid).status)).toEqual(['cancelled']);
    // Post-processing stops at its next check: the worker is kept (not retired) and serves the next analysis.
    expect(env.core.inference.threadCount).toBe(1);
    const next = await analyzeVolume(deps, volumeId);
    expect(next.regions.some((r) => r.kind === 'finding')).toBe(true);
    expect(env.core.inference.threadCount).toBe(1);
  });
});
