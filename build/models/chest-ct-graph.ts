/**
 * The dense voxel work of the built-in chest-ct pack as an ONNX graph (opset 17, dynamic D/H/W):
 * HU clipping, Gaussian smoothing (separable 3D convolutions), tissue thresholds (Greater/Less ->
 * Cast), morphology by pooling (MaxPool = dilation, -MaxPool(-x) = erosion) and a multi-scale
 * Hessian blob filter. Kernels are initializers sized for WORKING_SPACING_MM (see model-contract.ts).
 */
import {
  AIR_MAX_HU,
  BLOB_CLIP_HU,
  BLOB_SCALES_MM,
  BODY_MIN_HU,
  BODY_OPENING_KERNEL,
  BONE_MIN_HU,
  CHEST_CT_INPUT_NAME,
  HU_CLIP,
  MASK_SMOOTHING_SIGMA_MM,
  SOLID_CORE_OPENING_KERNEL,
  SOLID_MIN_HU,
  WORKING_SPACING_MM,
} from '../../electron/core/analysis/chest-ct/model-contract';
import { GraphBuilder } from './onnx-graph-builder';

/** Tensor axes: [N, C, D=k, H=j, W=i]; spacing per spatial axis in that order. */
type Axis = 'D' | 'H' | 'W';
const AXIS_INDEX: Record<Axis, number> = { D: 2, H: 3, W: 4 };
type Spacing = Record<Axis, number>;
const FULL: Spacing = { D: WORKING_SPACING_MM[2], H: WORKING_SPACING_MM[1], W: WORKING_SPACING_MM[0] };
/** The half-resolution level (2 x 2 x 2 average pooling) used for the coarse blob scales. */
const HALF: Spacing = { D: 2 * FULL.D, H: 2 * FULL.H, W: 2 * FULL.W };
/** Scales at or above this (mm) are computed on the half-resolution level. */
const HALF_RES_FROM_MM = 4;

const CAST_FLOAT = 1;
const CAST_UINT8 = 2;

/** Normalised 1D Gaussian, radius ceil(3 sigma) (at least 1). */
export function gaussianKernel(sigmaVoxels: number): number[] {
  const r = Math.max(1, Math.ceil(3 * sigmaVoxels));
  const w: number[] = [];
  for (let t = -r; t <= r; t++) w.push(Math.exp((-t * t) / (2 * sigmaVoxels * sigmaVoxels)));
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / sum);
}

class ChestCtGraph {
  readonly g = new GraphBuilder();
  private readonly consts = new Map<string, string>();

  scalar(v: number): string {
    const key = `s${v}`;
    let name = this.consts.get(key);
    if (!name) {
      name = this.g.scalar('c', v);
      this.consts.set(key, name);
    }
    return name;
  }

  /**
   * 1D correlation along one axis, zero-padded. Every image this graph convolves is shifted so that
   * 0 means air, so the padding reads as air beyond the volume (no explicit Pad node: that copy cost
   * as much as the convolutions).
   */
  conv1d(x: string, axis: Axis, weights: number[], hint: string): string {
    const r = (weights.length - 1) / 2;
    const shape = [1, 1, 1, 1, 1];
    shape[AXIS_INDEX[axis]] = weights.length;
    const pads = [0, 0, 0, 0, 0, 0];
    pads[AXIS_INDEX[axis] - 2] = r;
    pads[3 + AXIS_INDEX[axis] - 2] = r;
    return this.g.op('Conv', [x, this.g.floatConst(`${hint}_w`, shape, weights)], { pads });
  }

  /** Separable Gaussian of `sigmaMm`, each axis in its own voxel units. */
  gaussian(x: string, sigmaMm: number, spacing: Spacing, hint: string): string {
    let y = x;
    for (const axis of ['W', 'H', 'D'] as const) y = this.conv1d(y, axis, gaussianKernel(sigmaMm / spacing[axis]), `${hint}_g${axis}`);
    return y;
  }

  /** Binary float mask (0/1) morphology with a box (kernel [kD, kH, kW], odd sizes). */
  dilate(x: string, k: readonly number[]): string {
    const pads = [...k.map((v) => (v - 1) / 2), ...k.map((v) => (v - 1) / 2)];
    return this.g.op('MaxPool', [x], { kernel_shape: [...k], pads, strides: [1, 1, 1] });
  }

  erode(x: string, k: readonly number[]): string {
    return this.g.op('Neg', [this.dilate(this.g.op('Neg', [x]), k)]);
  }

  opening(x: string, k: readonly number[]): string {
    return this.dilate(this.erode(x, k), k);
  }

  /** Linear resize of `x` to the shape of `like` (half-pixel centres: matches stride-2 pooling). */
  resizeLike(x: string, like: string): string {
    const sizes = this.g.op('Shape', [like]);
    return this.g.op('Resize', [x, '', '', sizes], { mode: 'linear', coordinate_transformation_mode: 'half_pixel' });
  }

  mul(a: string, b: string): string {
    return this.g.op('Mul', [a, b]);
  }
  add(a: string, b: string): string {
    return this.g.op('Add', [a, b]);
  }
  sub(a: string, b: string): string {
    return this.g.op('Sub', [a, b]);
  }

  /** sigma^2 * cbrt(-det H) where H (finite differences, mm) is negative definite, else 0. */
  blobness(G: string, sigmaMm: number, spacing: Spacing, hint: string): string {
    const d2 = (axis: Axis) => {
      const s = spacing[axis];
      return this.conv1d(G, axis, [1 / (s * s), -2 / (s * s), 1 / (s * s)], `${hint}_d2${axis}`);
    };
    const d1 = (x: string, axis: Axis, h: string) => {
      const s = spacing[axis];
      return this.conv1d(x, axis, [-1 / (2 * s), 0, 1 / (2 * s)], h);
    };
    const xx = d2('W');
    const yy = d2('H');
    const zz = d2('D');
    const gx = d1(G, 'W', `${hint}_dW`);
    const gy = d1(G, 'H', `${hint}_dH`);
    const xy = d1(gx, 'H', `${hint}_dWH`);
    const xz = d1(gx, 'D', `${hint}_dWD`);
    const yz = d1(gy, 'D', `${hint}_dHD`);
    const trace = this.add(this.add(xx, yy), zz);
    const xy2 = this.mul(xy, xy);
    const xz2 = this.mul(xz, xz);
    const yz2 = this.mul(yz, yz);
    // Second invariant: sum of the principal 2x2 minors.
    const i2 = this.sub(
      this.add(this.add(this.mul(xx, yy), this.mul(xx, zz)), this.mul(yy, zz)),
      this.add(this.add(xy2, xz2), yz2),
    );
    // Determinant by cofactors along the first row.
    const c0 = this.sub(this.mul(yy, zz), yz2);
    const c1 = this.sub(this.mul(xy, zz), this.mul(yz, xz));
    const c2 = this.sub(this.mul(xy, yz), this.mul(yy, xz));
    const det = this.add(this.sub(this.mul(xx, c0), this.mul(xy, c1)), this.mul(xz, c2));
    const g = this.g;
    const root = g.op('Pow', [g.op('Relu', [g.op('Neg', [det])]), this.scalar(1 / 3)]);
    const negTrace = g.op('Cast', [g.op('Less', [trace, this.scalar(0)])], { to: CAST_FLOAT });
    const posI2 = g.op('Cast', [g.op('Greater', [i2, this.scalar(0)])], { to: CAST_FLOAT });
    return this.mul(this.mul(root, this.mul(negTrace, posI2)), this.scalar(sigmaMm * sigmaMm));
  }
}

export function buildChestCtGraph(): GraphBuilder {
  const c = new ChestCtGraph();
  const g = c.g;
  // HU + 1024 (0 = air), clipped: the zero padding of the convolutions then reads as air.
  const air0 = -HU_CLIP[0];
  const x = c.add(g.op('Clip', [CHEST_CT_INPUT_NAME, c.scalar(HU_CLIP[0]), c.scalar(HU_CLIP[1])]), c.scalar(air0));
  const s = c.gaussian(x, MASK_SMOOTHING_SIGMA_MM, FULL, 'smooth');
  const above = (hu: number) => g.op('Greater', [s, c.scalar(hu + air0)]);

  const bodyRaw = g.op('Cast', [above(BODY_MIN_HU)], { to: CAST_FLOAT });
  g.op('Cast', [c.opening(bodyRaw, BODY_OPENING_KERNEL)], { to: CAST_UINT8 }, 'body');
  g.op('Cast', [g.op('Less', [s, c.scalar(AIR_MAX_HU + air0)])], { to: CAST_UINT8 }, 'air');
  const solid = g.op('Cast', [above(SOLID_MIN_HU)], { to: CAST_FLOAT });
  g.op('Cast', [solid], { to: CAST_UINT8 }, 'solid');
  g.op('Cast', [c.opening(solid, SOLID_CORE_OPENING_KERNEL)], { to: CAST_UINT8 }, 'solid_core');
  g.op('Cast', [above(BONE_MIN_HU)], { to: CAST_UINT8 }, 'bone');

  // Blob filter on HU clipped to [-1000, 100], shifted so that 0 = air. Fine scales on the working
  // grid; coarse scales on a 2 x 2 x 2 average-pooled level (8x fewer voxels), resized back.
  const b0 = -BLOB_CLIP_HU[0];
  let G = c.add(g.op('Clip', [CHEST_CT_INPUT_NAME, c.scalar(BLOB_CLIP_HU[0]), c.scalar(BLOB_CLIP_HU[1])]), c.scalar(b0));
  let prev = 0;
  let level: Spacing = FULL;
  const responses: string[] = [];
  BLOB_SCALES_MM.forEach((sigma, n) => {
    if (level === FULL && sigma >= HALF_RES_FROM_MM) {
      G = g.op('AveragePool', [G], { kernel_shape: [2, 2, 2], strides: [2, 2, 2], ceil_mode: 1 });
      // A 2-voxel box adds variance (2^2 - 1) / 12 voxel^2 per axis; take the largest (in mm) as the blur.
      const boxSigma = Math.max(FULL.D, FULL.H, FULL.W) * Math.sqrt(3 / 12);
      prev = Math.sqrt(prev * prev + boxSigma * boxSigma);
      level = HALF;
    }
    G = c.gaussian(G, Math.sqrt(sigma * sigma - prev * prev), level, `blob${n}`);
    prev = sigma;
    const r = c.blobness(G, sigma, level, `blob${n}`);
    if (level === FULL) {
      responses.push(r);
    } else {
      // Coarse responses are resized to the first (working-grid) one.
      const fine = responses[0];
      if (fine === undefined) throw new Error(`blob scale ${sigma} mm: the first blob scale must be below ${HALF_RES_FROM_MM} mm (on the working grid)`);
      responses.push(c.resizeLike(r, fine));
    }
  });
  const stack = g.op('Concat', responses, { axis: 1 });
  g.op('ReduceMax', [stack], { axes: [1], keepdims: 1 }, 'blobness');
  g.op('Cast', [g.op('ArgMax', [stack], { axis: 1, keepdims: 1 })], { to: CAST_UINT8 }, 'blob_scale');
  return g;
}
