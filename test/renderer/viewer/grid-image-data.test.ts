import { describe, expect, it } from 'vitest';
import { indexToWorld, type GridGeometry } from '../../../electron/shared/geometry/grid';
import { gridImageData } from '../../../renderer/src/viewer/vtk/grid-image-data';

describe('gridImageData (the one vtkImageData set-up of the viewer)', () => {
  it('puts the grid and the values on the image; vtk.js maps indices to the same world points as the shared geometry', () => {
    const c = Math.cos(0.3), s = Math.sin(0.3);
    const grid: GridGeometry = { dims: [4, 3, 2], spacing: [0.7, 1.1, 2.5], origin: [-10, 20, 5], direction: [c, s, 0, -s, c, 0, 0, 0, 1] };
    const values = Uint8Array.from({ length: 24 }, (_, p) => p);
    const image = gridImageData(grid, values, 'labels');
    expect(image.getDimensions()).toEqual([4, 3, 2]);
    expect(Array.from(image.getSpacing())).toEqual(grid.spacing);
    expect(Array.from(image.getOrigin())).toEqual(grid.origin);
    const scalars = image.getPointData().getScalars();
    expect(scalars.getName()).toBe('labels');
    expect(scalars.getData()).toBe(values); // not copied
    for (const ijk of [[0, 0, 0], [3, 2, 1], [1, 2, 0]] as [number, number, number][]) {
      const expected = indexToWorld(grid, ijk);
      const world = image.indexToWorld(ijk, [0, 0, 0]);
      for (let a = 0; a < 3; a++) expect(world[a]).toBeCloseTo(expected[a]!, 9);
    }
    image.delete();
  });
});
