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
/** The parts of vtk.js's OpenGL texture used here. */
interface OpenGLTextureLike {
  getHandle(): unknown;
  getOpenGLDataType(): number;
  getComponents(): number;
  getWidth(): number;
  getHeight(): number;
  getVolumeInfo(): { scale?: number[]; offset?: number[]; depth?: number } | null;
  activate(): void;
  deactivate(): void;
}
interface OpenGLViewLike {
  getContext?(): WebGL2RenderingContext | null;
  getGraphicsResourceForObject?(object: unknown): { oglObject?: OpenGLTextureLike } | undefined;
}

/** Transient Float32 memory per texSubImage3D call of a direct write. */
const SLAB_BYTES = 4 * 1024 * 1024;

/**
 * Slices k0..k1 of `image`'s scalars were written in place; puts them into the one 3D texture its
 * image slices and volume share, and says how:
 * - 'none': no texture yet (no frame drawn): the first frame uploads the whole array as it is then;
 * - 'direct': the texture holds the voxels as plain 32-bit floats (Float32 volumes, and Int16 ones
 *   where WebGL2 lacks EXT_texture_norm16, e.g. SwiftShader): the slices are cast to Float32 a few
 *   at a time and written with texSubImage3D here. For Int16, vtk.js's own update would first
 *   convert the WHOLE volume to a new Float32Array (2x its bytes) for every chunk;
 * - 'extents': otherwise, every image slice and volume showing `image` gets the slices as an
 *   updated extent and the image is marked modified, so vtk.js uploads just those slices itself.
 * The scalars are never marked modified: their MTime is the texture's key, and a new key would
 * rebuild the whole texture.
 */
export function writeSlicesToTexture(renderWindow: vtkRenderWindow, image: vtkImageData, k0: number, k1: number): 'none' | 'direct' | 'extents' {
  const scalars = image.getPointData().getScalars();
  const views = renderWindow.getViews() as OpenGLViewLike[];
  const view = views.find((v) => !!v.getGraphicsResourceForObject?.(scalars)?.oglObject?.getHandle());
  const texture = view?.getGraphicsResourceForObject?.(scalars)?.oglObject;
  if (!view || !texture) return 'none';
  const [w, h, d] = image.getDimensions();
  const values = scalars.getData() as ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> };
  const gl = view.getContext?.() ?? null;
  const info = texture.getVolumeInfo();
  const plainFloat =
    !!gl &&
    texture.getOpenGLDataType() === gl.FLOAT &&
    texture.getComponents() === 1 &&
    texture.getWidth() === w &&
    texture.getHeight() === h &&
    info?.depth === d &&
    info.scale?.[0] === 1 &&
    info.offset?.[0] === 0;
  if (plainFloat) {
    writeFloatSlices(gl!, texture, values, w * h, w, h, k0, k1);
    return 'direct';
  }
  const extent: Extent = [0, w - 1, 0, h - 1, k0, k1];
  for (const renderer of renderWindow.getRenderers()) {
    for (const prop of renderer.getViewProps() as unknown as PropLike[]) {
      if (prop.getMapper?.()?.getInputData?.() !== image) continue;
      const property = prop.getProperty?.();
      if (property?.getUpdatedExtents && property.setUpdatedExtents) property.setUpdatedExtents([...property.getUpdatedExtents(), extent]);
    }
  }
  image.modified();
  return 'extents';
}

function writeFloatSlices(
  gl: WebGL2RenderingContext,
  texture: OpenGLTextureLike,
  values: { subarray(a: number, b: number): ArrayLike<number> },
  sliceVoxels: number,
  w: number,
  h: number,
  k0: number,
  k1: number,
): void {
  const perSlab = Math.max(1, Math.floor(SLAB_BYTES / 4 / sliceVoxels));
  const slab = new Float32Array(Math.min(perSlab, k1 - k0 + 1) * sliceVoxels);
  texture.activate();
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  for (let k = k0; k <= k1; k += perSlab) {
    const n = Math.min(perSlab, k1 - k + 1);
    const part = n * sliceVoxels === slab.length ? slab : slab.subarray(0, n * sliceVoxels);
    part.set(values.subarray(k * sliceVoxels, (k + n) * sliceVoxels));
    gl.texSubImage3D(gl.TEXTURE_3D, 0, 0, 0, k, w, h, n, gl.RED, gl.FLOAT, part);
  }
  texture.deactivate();
}
