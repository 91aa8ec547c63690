import { numberImages } from '../../../electron/shared/imaging/image-numbering';
import type { ViewerVolumeInfo } from '../../../renderer/src/viewer/stores/viewer-store';

/** A 30-slice CT numbered as scanners do: InstanceNumber 30 at slice 0 down to 1 at the top. */
export function volumeInfo(overrides: Partial<ViewerVolumeInfo> = {}): ViewerVolumeInfo {
  return {
    volumeId: '1.2.3',
    seriesInstanceUid: '1.2.3',
    frameOfReferenceUid: null,
    modality: 'CT',
    dims: [64, 48, 30],
    spacing: [0.7, 0.7, 2.5],
    origin: [-20, -15, 100],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    imageNumbering: numberImages(Array.from({ length: 30 }, (_, k) => ({ instanceNumber: 30 - k }))),
    units: 'HU',
    invertForDisplay: false,
    defaultWindow: { center: -600, width: 1500 },
    warnings: [],
    dataType: 'int16',
    scalarRange: [-1024, 1500],
    ...overrides,
  };
}
