/**
 * Issue 13 item 1 (nothing heavy on the UI-serving thread): a cached volume's scalar range (one pass
 * over every voxel, ~0.1 s for a 133-slice CT) is computed a block at a time with the event loop free
 * between blocks, and gives scalarRange's result.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { call } from '../../../electron/cli/with-core';
import { scalarRangeYielding } from '../../../electron/core/study-volumes/scalar-range-yielding';
import { scalarRange } from '../../../electron/shared/imaging/voxel-arrays';
import { requireSharedData, sharedData } from '../../support/shared-data';
import { createTestCore } from '../../support/test-core';

// Records the length of every array scanned by scalarRange on this thread.
vi.mock('../../../electron/shared/imaging/voxel-arrays', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/shared/imaging/voxel-arrays')>();
  return { ...real, scalarRange: vi.fn(real.scalarRange) };
});

/** The longest single scan allowed: 1 Mi voxels (~2-4 ms). */
const BLOCK = 1 << 20;

describe('scalarRangeYielding', () => {
  it('gives scalarRange’s result, and lets the event loop run between blocks', async () => {
    const voxels = new Float32Array(3 * BLOCK + 5).map((_, i) => Math.sin(i) * 1000);
    voxels[2 * BLOCK + 3] = -4000;
    voxels[7] = NaN;
    // Event-loop turns while it runs: a check phase callback re-armed until the range is in.
    let turns = 0;
    let done = false;
    const tick = () => {
      if (done) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const range = await scalarRangeYielding(voxels);
    done = true;
    expect(turns).toBeGreaterThanOrEqual(3); // 4 blocks: the loop ran between each
    expect(range).toEqual(scalarRange(voxels));
    expect(range[0]).toBe(-4000);
    expect(await scalarRangeYielding(new Int16Array(0))).toEqual([0, 0]);
    expect(await scalarRangeYielding(new Int16Array([5, -3, 2]))).toEqual([-3, 5]);
  });
});

const run = requireSharedData();

describe.skipIf(!run)('volumes.get of a cached CT (A0001, 64 × 512 × 512)', () => {
  let env: Awaited<ReturnType<typeof createTestCore>>;
  afterAll(() => env?.dispose());

  it('scans its voxels for their range in blocks, never the whole volume in one pass; same range', async () => {
    env = await createTestCore();
    const summary = await call(env.core, 'studies.import', { paths: [sharedData('ct', 'chest_lung_pet_ct_dx_A0001')] });
    const volumeId = summary.volumes[0]!.volumeId;
    vi.mocked(scalarRange).mockClear();
    const { meta, data } = await call(env.core, 'volumes.get', { volumeId });
    const scanned = vi.mocked(scalarRange).mock.calls.map(([voxels]) => voxels.length);
    expect(scanned.length).toBeGreaterThan(1);
    expect(Math.max(...scanned)).toBeLessThanOrEqual(BLOCK);
    const voxels = new Int16Array(data.buffer, data.byteOffset, data.byteLength / 2);
    expect(voxels.length).toBe(64 * 512 * 512);
    expect(meta.scalarRange).toEqual(scalarRange(voxels));
  });
});
