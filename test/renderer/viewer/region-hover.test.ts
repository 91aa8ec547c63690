import { describe, expect, it } from 'vitest';
import type { RegionSummary } from '../../../electron/shared/api/channels/analysis-channels';
import { indexToWorld } from '../../../electron/shared/geometry/grid';
import { worldToScreen } from '../../../renderer/src/viewer/geometry/projection';
import { buildSliceCamera } from '../../../renderer/src/viewer/geometry/slice-camera';
import { sliceOrientation } from '../../../renderer/src/viewer/geometry/slice-orientation';
import { labelValueAt, regionTooltipText, type LoadedLabelMap } from '../../../renderer/src/viewer/regions/label-lookup';
import { regionHoverAt } from '../../../renderer/src/viewer/regions/region-hover';
import type { SliceViewId, Vec3 } from '../../../renderer/src/viewer/types';
import { grid, IDENTITY, rotatedDirection } from './fixtures';

const NODULE: Vec3 = [40, 10, 7];
const LUNG: Vec3 = [12, 30, 20];

function labelMapFor(dims: Vec3): LoadedLabelMap {
  const data = new Uint8Array(dims[0] * dims[1] * dims[2]);
  const at = ([i, j, k]: Vec3) => k * dims[0] * dims[1] + j * dims[0] + i;
  data[at(NODULE)] = 2;
  data[at(LUNG)] = 1;
  return {
    volumeId: '1.2',
    data,
    meta: {
      dims,
      labels: [
        { value: 1, regionId: 'lung-r', label: 'right lung', kind: 'anatomy', color: [70, 150, 255] },
        { value: 2, regionId: 'nod-1', label: 'nodule', kind: 'finding', color: [255, 40, 40] },
      ],
    },
  };
}

const summary = (over: Partial<RegionSummary>) => ({ diameterMm: null, volumeMl: 0, laterality: null, zone: null, ...over }) as RegionSummary;
const regions = new Map<string, RegionSummary>([
  ['nod-1', summary({ id: 'nod-1', diameterMm: 8.2, volumeMl: 0.3, laterality: 'right', zone: 'lower' })],
  ['lung-r', summary({ id: 'lung-r', volumeMl: 2410.4, laterality: 'right' })],
]);

describe('region hover lookup', () => {
  for (const [name, direction] of [
    ['identity', IDENTITY],
    ['rotated 25° about z', rotatedDirection('z', 25)],
  ] as const) {
    it(`finds the voxel's label from world coordinates (${name} grid)`, () => {
      const g = grid([...direction]);
      const map = labelMapFor(g.dims);
      expect(labelValueAt(map, g, indexToWorld(g, NODULE))).toBe(2);
      // Within half a voxel rounds to the same voxel; one voxel off is background.
      expect(labelValueAt(map, g, indexToWorld(g, [NODULE[0] + 0.4, NODULE[1] - 0.4, NODULE[2] + 0.3]))).toBe(2);
      expect(labelValueAt(map, g, indexToWorld(g, [NODULE[0] + 1, NODULE[1], NODULE[2]]))).toBe(0);
      expect(labelValueAt(map, g, indexToWorld(g, [-3, 0, 0]))).toBe(0);
      expect(labelValueAt(map, g, indexToWorld(g, [0, 0, g.dims[2] + 2]))).toBe(0);
    });

    for (const view of ['axial', 'coronal', 'sagittal'] as SliceViewId[]) {
      it(`shows the label and size under the pointer in the ${view} view (${name} grid)`, () => {
        const g = grid([...direction]);
        const map = labelMapFor(g.dims);
        const world = indexToWorld(g, NODULE);
        const camera = buildSliceCamera({ grid: g, orientation: sliceOrientation([...direction], view), crosshair: world, transform: { zoom: 3, pan: [0, 0] }, widthPx: 400, heightPx: 300 });
        const screen = worldToScreen(camera, world);
        const hit = regionHoverAt(map, g, camera, screen, regions);
        expect(hit?.entry.regionId).toBe('nod-1');
        expect(hit?.text).toBe('nodule 8 mm, right lower');
        // A few voxels away on the same slice is background.
        expect(regionHoverAt(map, g, camera, [screen[0] + 40, screen[1] + 40], regions)).toBeNull();
      });
    }
  }

  it('describes anatomy by volume and falls back to the label without a summary', () => {
    const [lung, nodule] = labelMapFor([64, 48, 30]).meta.labels;
    expect(regionTooltipText(lung!, regions.get('lung-r'))).toBe('right lung 2410 ml');
    expect(regionTooltipText(nodule!, undefined)).toBe('nodule');
  });
});
