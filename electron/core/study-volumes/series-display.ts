import type { DisplayImage, DisplayPixelSpacing, SeriesDisplay } from '../../shared/api/channels/display-schemas';
import type { DicomInstance } from '../dicom/dicom-instance';
import type { SqliteDatabase } from '../storage/database-types';
import { listSeriesInstances } from '../study-index';
import { groupSeriesStacks, planDicomStack, type SeriesStack } from '../volume-assembly';
import { hasPatientGeometry, viewerKindOf } from './display-kind';
import { findSeriesStack } from './find-series-stack';

/**
 * How the renderer displays a volume (`volumes.display`): the viewer kind and, per image, the
 * orientation, pixel spacing and windows the file gives. A projection series lists every image of the
 * series (its radiographs are separate volumes when they cannot be stacked), so the 2D viewer pages
 * through all of them; a cross-sectional volume lists its own slices.
 */
export function seriesDisplay(db: SqliteDatabase, volumeId: string): SeriesDisplay {
  const stack = findSeriesStack(db, volumeId);
  const first = stack.instances[0]!;
  const viewer = viewerKindOf(stack.instances);
  const stacks =
    viewer === 'projection'
      ? groupSeriesStacks(listSeriesInstances(db, stack.seriesInstanceUid)).filter((s) => viewerKindOf(s.instances) === 'projection')
      : [stack];
  return {
    volumeId,
    seriesInstanceUid: stack.seriesInstanceUid,
    modality: first.modality,
    sopClassUid: first.sopClassUid,
    viewer,
    photometricInterpretation: first.photometricInterpretation,
    samplesPerPixel: first.samplesPerPixel,
    voiLutFunction: first.display?.voiLutFunction ?? null,
    images: stacks.flatMap(imagesOfStack),
  };
}

function imagesOfStack(stack: SeriesStack): DisplayImage[] {
  const plan = planDicomStack(stack.instances);
  return plan.output.map((o, k) => {
    // Interpolated slices take the attributes of the first slice; they have no SOP Instance UID.
    const source = o.kind === 'copy' ? plan.slices[o.src]!.source : plan.slices[0]!.source;
    const instance = source.instance;
    return {
      volumeId: stack.id,
      k,
      sopInstanceUid: o.kind === 'copy' ? instance.sopInstanceUid : null,
      frameNumber: source.frameIndex + 1,
      instanceNumber: instance.instanceNumber,
      rows: instance.rows,
      columns: instance.columns,
      patientOrientation: instance.display?.patientOrientation ?? null,
      viewPosition: instance.display?.viewPosition ?? null,
      laterality: instance.display?.laterality ?? null,
      pixelSpacing: pixelSpacingOf(instance, source.pixelSpacing),
      windows: windowsOf(instance),
      patientGeometry: hasPatientGeometry(instance),
    };
  });
}

/** DICOM's order: PixelSpacing (in the patient) first, then ImagerPixelSpacing (at the detector). */
export function pixelSpacingOf(instance: DicomInstance, pixelSpacing: [number, number] | null): DisplayPixelSpacing {
  if (pixelSpacing && pixelSpacing[0] > 0 && pixelSpacing[1] > 0) return { row: pixelSpacing[0], column: pixelSpacing[1], source: 'pixel-spacing' };
  const imager = instance.display?.imagerPixelSpacing;
  return imager ? { row: imager[0], column: imager[1], source: 'imager-pixel-spacing' } : null;
}

function windowsOf(instance: DicomInstance): DisplayImage['windows'] {
  if (instance.display) return instance.display.windows;
  // Records indexed before display attributes were read: the first window only.
  return instance.windowCenter !== null && instance.windowWidth !== null && instance.windowWidth > 0
    ? [{ center: instance.windowCenter, width: instance.windowWidth, explanation: null, source: 'window' }]
    : [];
}
