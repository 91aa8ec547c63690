import { RadGroundError } from '../errors/radground-error';
import type { Vec3 } from '../dicom/dicom-instance';
import type { Volume } from '../volume-assembly/volume';
import type { AxisPermutation, Dims3 } from './kernels/types';
import type { ModelPack } from './model-pack';
import { isIdentityPermutation, orientationPermutation } from './orientation';
import type { ScalarDtype, SegmentPlan } from './worker/protocol';

/** Tensor spatial order -> array order (axis 0 fastest), for sizes applied before the tensor layout. */
function tensorToArrayOrder(v: readonly number[], axisOrder: 'kji' | 'ijk'): Dims3 {
  return axisOrder === 'kji' ? [v[2]!, v[1]!, v[0]!] : [v[0]!, v[1]!, v[2]!];
}

const IJK_LAYOUT: AxisPermutation = { perm: [2, 1, 0], flip: [false, false, false] };

export function scalarDtypeOf(scalars: Volume['scalars'] | ArrayBufferView): ScalarDtype {
  if (scalars instanceof Uint8Array) return 'uint8';
  if (scalars instanceof Int16Array) return 'int16';
  if (scalars instanceof Float32Array) return 'float32';
  if (scalars instanceof Int8Array) return 'int8';
  if (scalars instanceof Uint16Array) return 'uint16';
  if (scalars instanceof Int32Array) return 'int32';
  if (scalars instanceof Uint32Array) return 'uint32';
  if (scalars instanceof Float64Array) return 'float64';
  throw new RadGroundError('BAD_REQUEST', 'unsupported volume scalar type');
}

/**
 * Turns a pack's manifest into the worker's plan for this volume, refusing (BAD_REQUEST) what the
 * TypeScript pipeline does not implement: tasks other than segmentation, non-float32 inputs, and
 * resampling (a targetSpacing different from the volume's spacing after reorientation).
 */
export function buildSegmentPlan(pack: ModelPack, volume: Pick<Volume, 'dims' | 'spacing' | 'direction'>, returnProbabilities: boolean): SegmentPlan {
  const m = pack.manifest;
  const p = m.preprocessing;
  if (m.task !== 'segmentation') throw new RadGroundError('BAD_REQUEST', `pack '${m.id}' is a ${m.task} model; only segmentation packs run here`);
  const input = m.inputs[0]!;
  if (input.dtype !== 'float32') throw new RadGroundError('BAD_REQUEST', `pack '${m.id}' takes ${input.dtype} input; only float32 is implemented`);

  let orient: AxisPermutation | null = null;
  let spacing: Vec3 = [...volume.spacing] as Vec3;
  if (p.orientation !== 'none') {
    const perm = orientationPermutation(volume.direction, p.orientation);
    if (!isIdentityPermutation(perm)) orient = perm;
    spacing = [volume.spacing[perm.perm[0]]!, volume.spacing[perm.perm[1]]!, volume.spacing[perm.perm[2]]!];
  }
  if (p.targetSpacing) {
    const want = tensorToArrayOrder(p.targetSpacing, p.spatialAxisOrder);
    const off = want.findIndex((s, a) => Math.abs(s - spacing[a]!) > 0.01 * s);
    if (off >= 0) {
      throw new RadGroundError(
        'BAD_REQUEST',
        `pack '${m.id}' needs ${want.join(' x ')} mm voxels (array order) but the volume has ${spacing.map((s) => s.toFixed(3)).join(' x ')} mm; resampling is not implemented`,
      );
    }
  }

  const outputName = m.outputTensor ?? pack.io.outputs[0]?.name;
  if (!outputName) throw new RadGroundError('MODEL_INVALID', `pack '${m.id}': the model has no outputs`);
  const channels = Math.max(...m.outputs.map((o) => o.channel)) + 1;
  const decision = m.postprocessing.decision === 'argmax' ? ({ kind: 'argmax' } as const) : ({ kind: 'sigmoid', threshold: m.postprocessing.decision.sigmoidThreshold } as const);
  const sw = p.slidingWindow;
  const staticSpatial = (pack.io.inputs.find((i) => i.name === input.name)?.shape ?? input.shape).slice(2);
  return {
    orient,
    intensity: p.intensity,
    cropForeground: p.cropForeground,
    cropPad: p.cropPad ? tensorToArrayOrder(p.cropPad, p.spatialAxisOrder) : null,
    layout: p.spatialAxisOrder === 'ijk' ? IJK_LAYOUT : null,
    window: sw ? { roi: [sw.roiSize[2], sw.roiSize[1], sw.roiSize[0]], overlap: sw.overlap, blending: sw.blending, batchSize: sw.batchSize } : null,
    inputName: input.name,
    outputName,
    channels,
    decision,
    returnProbabilities,
    inputSpatial: staticSpatial.map((d) => (typeof d === 'number' && d > 0 ? d : null)),
  };
}
