import type { VolumeGeometry } from '../../shared/api/channels/study-channels';
import { numberImages, type ImageNumbering } from '../../shared/imaging/image-numbering';
import type { DicomInstance } from '../dicom/dicom-instance';
import { groupSeriesStacks, planDicomStack, type SeriesStack, type StackPlan } from '../volume-assembly';
import type { Volume } from '../volume-assembly/volume';

/**
 * Geometry of every volume a series yields, from headers alone (no pixel decoding), so the
 * worklist, the import summary and `radground series` answer instantly.
 */
export function describeSeriesVolumes(instances: DicomInstance[]): VolumeGeometry[] {
  return groupSeriesStacks(instances).map(describeStack);
}

/** Image numbers of a planned volume's slices (the InstanceNumber of each copied source slice). */
export function planImageNumbering(plan: StackPlan): ImageNumbering {
  return numberImages(plan.output.map((o) => (o.kind === 'copy' ? { instanceNumber: plan.slices[o.src]!.source.instance.instanceNumber } : null)));
}

/** Image numbers of a stack's volume, from its headers alone. */
export function stackImageNumbering(stack: SeriesStack): ImageNumbering {
  return planImageNumbering(planDicomStack(stack.instances));
}

export function describeStack(stack: SeriesStack): VolumeGeometry {
  const plan = planDicomStack(stack.instances);
  const first = stack.instances[0]!;
  const modality = first.modality;
  return {
    volumeId: stack.id,
    seriesInstanceUid: stack.seriesInstanceUid,
    frameOfReferenceUid: first.frameOfReferenceUid,
    modality,
    dims: plan.dims,
    spacing: plan.spacing,
    origin: plan.origin,
    direction: [...plan.direction],
    sopInstanceUids: plan.output.map((o) => (o.kind === 'copy' ? plan.slices[o.src]!.source.instance.sopInstanceUid : null)),
    imageNumbering: planImageNumbering(plan),
    units: modality === 'CT' ? 'HU' : 'raw',
    invertForDisplay: first.photometricInterpretation === 'MONOCHROME1',
    defaultWindow:
      first.windowCenter !== null && first.windowWidth !== null && first.windowWidth > 0
        ? { center: first.windowCenter, width: first.windowWidth }
        : null,
    warnings: plan.warnings,
  };
}

/** `imageNumbering`: from the volume's stack (planImageNumbering), as describeStack gives it. */
export function geometryOfVolume(volumeId: string, volume: Volume, imageNumbering: ImageNumbering): VolumeGeometry {
  return {
    volumeId,
    seriesInstanceUid: volume.seriesInstanceUid,
    frameOfReferenceUid: volume.frameOfReferenceUid,
    modality: volume.modality,
    dims: volume.dims,
    spacing: volume.spacing,
    origin: volume.origin,
    direction: [...volume.direction],
    sopInstanceUids: volume.sopInstanceUids,
    imageNumbering,
    units: volume.units,
    invertForDisplay: volume.invertForDisplay,
    defaultWindow: volume.defaultWindow,
    warnings: volume.warnings,
  };
}
