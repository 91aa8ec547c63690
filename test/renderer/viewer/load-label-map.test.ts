import { beforeEach, describe, expect, it } from 'vitest';
import { installTransportForTests } from '../../../renderer/src/api/api-client';
import { loadLabelMap } from '../../../renderer/src/viewer/regions/load-label-map';

describe('loadLabelMap', () => {
  let calls: string[];
  let regions: unknown[];
  beforeEach(() => {
    calls = [];
    regions = [];
    installTransportForTests({
      kind: 'http',
      async invoke(channel) {
        calls.push(channel);
        if (channel === 'regions.list') return { ok: true, value: { regions } };
        if (channel === 'regions.labelMap') return { ok: true, value: { meta: { dims: [2, 2, 1], labels: [{ value: 1 }] }, data: new Uint8Array([0, 1, 1, 0]) } };
        return { ok: false, error: { code: 'NOT_FOUND', message: channel } };
      },
      subscribe: () => () => undefined,
      importPathsForFiles: async () => [],
    });
  });

  it('does not ask for the label volume (one byte per voxel, all zeros) of a volume with no regions', async () => {
    expect(await loadLabelMap('vol-1')).toBeNull();
    expect(calls).toEqual(['regions.list']);
  });

  it('asks for it where the volume has regions', async () => {
    regions = [{ id: 'r1' }];
    const loaded = await loadLabelMap('vol-1');
    expect(calls).toEqual(['regions.list', 'regions.labelMap']);
    expect(loaded?.regions).toEqual(regions);
    expect(Array.from(loaded?.map.data ?? [])).toEqual([0, 1, 1, 0]);
  });
});
