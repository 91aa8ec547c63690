import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import { directionMatrix } from '../../../../electron/shared/geometry/grid';
import type { GridGeometry } from '../types';

export type GridScalars = Uint8Array | Int8Array | Uint16Array | Int16Array | Int32Array | Float32Array | Float64Array;

/**
 * A vtkImageData over `values` (one component per voxel, i fastest; not copied) on a grid in LPS mm.
 * The grid's direction is the API's (direction[0..2] the i axis), which is vtk.js's own column
 * convention, so it is handed over as is. The scalars array is the image's point-data scalars,
 * named `name`; whoever deletes the image deletes it too.
 */
export function gridImageData(grid: GridGeometry, values: GridScalars, name: string): vtkImageData {
  const image = vtkImageData.newInstance();
  image.setDimensions([...grid.dims]);
  image.setSpacing([...grid.spacing]);
  image.setOrigin([...grid.origin]);
  const d = directionMatrix(grid.direction);
  image.setDirection(d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8]);
  image.getPointData().setScalars(vtkDataArray.newInstance({ name, numberOfComponents: 1, values }));
  return image;
}
