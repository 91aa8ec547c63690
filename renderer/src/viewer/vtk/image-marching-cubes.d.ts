// vtk.js ships no type declarations for this filter; the part RadGround uses.
declare module '@kitware/vtk.js/Filters/General/ImageMarchingCubes' {
  import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
  import type { vtkPipelineConnection } from '@kitware/vtk.js/types';

  export interface ImageMarchingCubes {
    setInputData(image: vtkImageData): void;
    getOutputPort(): vtkPipelineConnection;
    delete(): void;
  }

  const vtkImageMarchingCubes: {
    newInstance(initial?: { contourValue?: number; computeNormals?: boolean; mergePoints?: boolean }): ImageMarchingCubes;
  };
  export default vtkImageMarchingCubes;
}
