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
  getGraphicsResourceForObject?(object: unknown): { oglObject?: OpenGLTextureLike | null } | undefined;
}
/** The vtk.js OpenGL render window, as `uploadScalarTexture` uses it. */
interface OpenGLRenderWindowLike extends OpenGLViewLike {
  initialize(): void;
  setGraphicsResourceForObject(object: unknown, texture: OpenGLTextureLike | null, hash: string | null): void;
}
/** A new vtk.js OpenGL texture (vtkOpenGLTexture.newInstance()), set up here as vtk.js's mappers do. */
export interface ScalarTexture extends OpenGLTextureLike {
  setOpenGLRenderWindow(renderWindow: unknown): void;
  setOglNorm16Ext(extension: unknown): void;
  resetFormatAndType(): void;
  create3DFilterableFromDataArray(args: { width: number; height: number; depth: number; dataArray: unknown; preferSizeOverAccuracy?: boolean }): boolean;
  releaseGraphicsResources(renderWindow: unknown): void;
}

/**
 * Float32 memory per texSubImage3D call of a direct write: whole slices where one fits, else bands
 * of rows of one slice. One scratch array of this size is kept and reused by every write, so
 * streaming a volume allocates none per chunk, and Chromium's transfer buffer, which each write
 * passes through, stays at about twice this size (waitForGpuProcess). At 1 MiB (one 512x512 slice
 * a write) the two held 3 MiB of the renderer's memory for as long as the page lives; 256 KiB
 * writes cost more round trips to the GPU process (four a 512x512 slice) for the same bytes.
 */
const SLAB_BYTES = 256 * 1024;
let scratch: Float32Array | null = null;

/** A Float32Array of `length` values to cast voxels into: the kept scratch where it fits, else a new one. */
function slabOf(length: number): Float32Array {
  if (length * 4 > SLAB_BYTES) return new Float32Array(length); // one row larger than a slab
  scratch ??= new Float32Array(SLAB_BYTES / 4);
  return scratch.subarray(0, length);
}

/**
 * Slices k0..k1 of `image`'s scalars were written in place; puts them into the one 3D texture its
 * image slices and volume share, and says how:
 * - 'none': no texture yet (not built by `uploadScalarTexture`, no frame drawn): vtk.js's first frame
 *   uploads the whole array as it is then;
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
  const values = scalars.getData() as Voxels;
  const gl = view.getContext?.() ?? null;
  if (gl && isPlainFloat(gl, texture, w, h, d)) {
    writeFloatSlices(gl, texture, values, w * h, w, h, k0, k1, 0);
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

type Voxels = ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> };

/** The texture holds `w`x`h`x`d` single-component voxels as plain 32-bit floats (no scale, no offset). */
function isPlainFloat(gl: WebGL2RenderingContext, texture: OpenGLTextureLike, w: number, h: number, d: number): boolean {
  const info = texture.getVolumeInfo();
  return (
    texture.getOpenGLDataType() === gl.FLOAT &&
    texture.getComponents() === 1 &&
    texture.getWidth() === w &&
    texture.getHeight() === h &&
    info?.depth === d &&
    info.scale?.[0] === 1 &&
    info.offset?.[0] === 0
  );
}

/**
 * Builds the 3D texture of `image`'s scalars before vtk.js's mappers first draw it, in `texture` (a
 * new vtkOpenGLTexture), and makes it the one they share. vtk.js's own first upload, where it keeps
 * the voxels as plain floats (Int16 without EXT_texture_norm16, e.g. SwiftShader), converts the
 * WHOLE volume into a new Float32Array (2x its bytes) and hands that to WebGL in one call. Here the
 * texture is set up by vtk.js itself (same format, range and volume info as its mappers would ask
 * for) but with no data, so it only allocates the storage; the voxels are then cast to Float32 and
 * written a few slices at a time, as streamed chunks are. Slabs that are all zero are skipped (WebGL
 * storage starts zeroed). Returns false, with nothing registered and the texture released, where
 * vtk.js would not keep plain floats (norm16, half float, other component counts): it uploads those
 * itself, without a Float32 copy of the volume. The caller deletes `texture` with the image.
 */
export function uploadScalarTexture(renderWindow: vtkRenderWindow, image: vtkImageData, texture: ScalarTexture): boolean {
  const gl = createScalarTexture(renderWindow, image, texture);
  if (!gl) return false;
  const [w, h, d] = image.getDimensions();
  writeFloatSlices(gl, texture, image.getPointData().getScalars().getData() as Voxels, w * h, w, h, 0, d - 1, 0, true);
  return true;
}

/**
 * `uploadScalarTexture` less the writing: the plain-float 3D texture of `image`'s scalars, all
 * zeros, registered as the one vtk.js's mappers share, or null (nothing registered, the texture
 * released) where vtk.js would not keep plain floats. Only the scalars' type, component count and
 * range are read (not their values): the voxels may be elsewhere, written with `writeChunkToTexture`.
 * Returns the texture's WebGL context.
 */
export function createScalarTexture(renderWindow: vtkRenderWindow, image: vtkImageData, texture: ScalarTexture): WebGL2RenderingContext | null {
  const view = renderWindow.getViews()[0] as unknown as OpenGLRenderWindowLike | undefined;
  const scalars = image.getPointData().getScalars();
  if (!view?.initialize || !scalars || scalars.getNumberOfComponents() !== 1) return null;
  if (!view.getContext?.()) view.initialize();
  const gl = view.getContext?.() ?? null;
  if (!gl) return null;
  const [w, h, d] = image.getDimensions();
  texture.setOpenGLRenderWindow(view);
  texture.setOglNorm16Ext(gl.getExtension('EXT_texture_norm16'));
  texture.resetFormatAndType();
  // What vtk.js's mappers pass (vtkDataArray), less the voxels: no data, no conversion, no upload.
  const noVoxels = {
    getNumberOfComponents: () => 1,
    getDataType: () => scalars.getDataType(),
    getData: () => null,
    getRange: (c: number) => scalars.getRange(c),
  };
  if (!texture.create3DFilterableFromDataArray({ width: w, height: h, depth: d, dataArray: noVoxels }) || !isPlainFloat(gl, texture, w, h, d)) {
    texture.releaseGraphicsResources(view);
    return null;
  }
  // vtk.js's mappers key the shared texture by the scalars' MTime (getImageDataHash).
  view.setGraphicsResourceForObject(scalars, texture, `${scalars.getMTime()}`);
  return gl;
}

/**
 * Writes slices `k0..k1` of the volume, `voxels` (those slices only, i fastest), into `texture`
 * (made by `createScalarTexture` for a `w`x`h` image) as plain floats, a few slices at a time.
 */
export function writeChunkToTexture(gl: WebGL2RenderingContext, texture: ScalarTexture, w: number, h: number, k0: number, k1: number, voxels: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }): void {
  if (voxels.length !== (k1 - k0 + 1) * w * h) throw new Error(`${voxels.length} voxels for slices ${k0}..${k1} of ${w}x${h}`);
  writeFloatSlices(gl, texture, voxels, w * h, w, h, k0, k1, k0);
}

/**
 * Frees the WebGL texture of `texture` (before it and its image are deleted). The render window's
 * entry for the scalars stays until vtk.js's mappers let go of them; a released vtk.js texture has
 * no handle, so nothing draws from it, and releasing it again does nothing.
 */
export function releaseScalarTexture(renderWindow: vtkRenderWindow, texture: ScalarTexture): void {
  texture.releaseGraphicsResources(renderWindow.getViews()[0]);
}

function writeFloatSlices(
  gl: WebGL2RenderingContext,
  texture: OpenGLTextureLike,
  values: Voxels,
  sliceVoxels: number,
  w: number,
  h: number,
  k0: number,
  k1: number,
  /** The slice `values` starts with. */
  firstSlice: number,
  skipZeros = false,
): void {
  // Whole slices per write where a slice fits in a slab, else one slice's rows a band at a time.
  const slicesPerWrite = Math.max(1, Math.floor(SLAB_BYTES / 4 / sliceVoxels));
  const rowsPerWrite = slicesPerWrite > 1 ? h : Math.min(h, Math.max(1, Math.floor(SLAB_BYTES / 4 / w)));
  const slab = slabOf(slicesPerWrite > 1 ? Math.min(slicesPerWrite, k1 - k0 + 1) * sliceVoxels : rowsPerWrite * w);
  texture.activate();
  gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
  for (let k = k0; k <= k1; k += slicesPerWrite) {
    const n = Math.min(slicesPerWrite, k1 - k + 1);
    for (let y = 0; y < h; y += rowsPerWrite) {
      const rows = Math.min(rowsPerWrite, h - y); // all h rows when n > 1
      const begin = (k - firstSlice) * sliceVoxels + y * w;
      const length = n > 1 ? n * sliceVoxels : rows * w;
      const source = values.subarray(begin, begin + length);
      if (skipZeros && allZero(source)) continue;
      const part = length === slab.length ? slab : slab.subarray(0, length);
      part.set(source);
      gl.texSubImage3D(gl.TEXTURE_3D, 0, 0, y, k, w, rows, n, gl.RED, gl.FLOAT, part);
      waitForGpuProcess(gl);
    }
  }
  texture.deactivate();
}

/**
 * Returns once the GPU process has run every command issued so far (the write just made included).
 * Chromium hands texture data to the GPU process through the context's transfer buffer, shared
 * memory mapped in the renderer that doubles (up to 16 MiB) whenever a write finds it still holding
 * data not yet consumed: a chunk's slabs written back to back (16 MiB of Float32 for 16 slices of
 * 512x512) left it at 16 MiB, resident in the renderer for as long as the context lives. Waiting
 * after each write keeps it at about twice a slab. getError() is the WebGL call that waits (a synchronous
 * round trip; finish() is only a flush in Chromium); an error it returns is reported, not dropped.
 */
function waitForGpuProcess(gl: WebGL2RenderingContext): void {
  const error = gl.getError();
  if (error !== gl.NO_ERROR && error !== gl.CONTEXT_LOST_WEBGL) console.warn(`WebGL error 0x${error.toString(16)} after a 3D texture write`);
}

function allZero(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (values[i] !== 0) return false;
  return true;
}
