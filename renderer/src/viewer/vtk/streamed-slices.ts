import type vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData';
import type vtkRenderWindow from '@kitware/vtk.js/Rendering/Core/RenderWindow';

type Extent = [number, number, number, number, number, number];
interface PropertyWithExtents {
  getUpdatedExtents(): Extent[];
  setUpdatedExtents(extents: Extent[]): boolean;
}
interface PropLike {
  getMapper?(): { getInputData?(): unknown } | null;
  getProperty?(): Partial<PropertyWithExtents> | null;
}
interface OpenGLViewLike {
  getGraphicsResourceForObject?(object: unknown): { oglObject?: { getHandle?(): unknown } } | undefined;
}

/**
 * Slices k0..k1 of `image`'s scalars were written in place. Every image slice and volume of the
 * render window that shows `image` gets that extent as an "updated extent" (vtk.js then uploads
 * just those slices into the one 3D texture they share, with texSubImage3D) and the image is
 * marked modified. The scalars array itself is never marked modified: its MTime is the texture's
 * key, and a new key would rebuild (and re-convert) the whole texture for every chunk.
 * Before the texture exists (no frame drawn yet) nothing is marked: the first frame uploads the
 * whole array as it is then.
 */
export function markSlicesWritten(renderWindow: vtkRenderWindow, image: vtkImageData, k0: number, k1: number): void {
  const scalars = image.getPointData().getScalars();
  const views = renderWindow.getViews() as OpenGLViewLike[];
  const uploaded = views.some((v) => !!v.getGraphicsResourceForObject?.(scalars)?.oglObject?.getHandle?.());
  if (!uploaded) return;
  const [w, h] = image.getDimensions();
  const extent: Extent = [0, w - 1, 0, h - 1, k0, k1];
  for (const renderer of renderWindow.getRenderers()) {
    for (const prop of renderer.getViewProps() as unknown as PropLike[]) {
      if (prop.getMapper?.()?.getInputData?.() !== image) continue;
      const property = prop.getProperty?.();
      if (property?.getUpdatedExtents && property.setUpdatedExtents) property.setUpdatedExtents([...property.getUpdatedExtents(), extent]);
    }
  }
  image.modified();
}
