/**
 * Writes a volume as a new CT series (the project's own Part 10 writer): new study, series, SOP and
 * frame-of-reference UIDs, the same patient, so that it imports as another exam of that patient.
 * Pixels are the volume's HU (signed 16-bit, slope 1, intercept 0); positions from its geometry.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CT_IMAGE_STORAGE } from '../../../../electron/core/demo/ct-slice';
import { encodePart10, tag, type DicomElement } from '../../../../electron/core/demo/dicom-writer';
import { indexToWorld } from '../../../../electron/shared/geometry/grid';
import type { Volume } from '../../../../electron/core/volume-assembly/volume';

export interface SeriesCopyIdentity {
  /** Root of the new UIDs (digits and dots). */
  uidRoot: string;
  studyDate: string;
  patientName: string;
  patientId: string;
}

export function writeSeriesCopy(volume: Volume, dir: string, id: SeriesCopyIdentity): void {
  mkdirSync(dir, { recursive: true });
  const [nx, ny, nz] = volume.dims;
  const d = volume.direction;
  const t = tag;
  for (let k = 0; k < nz; k++) {
    const stored = new Int16Array(nx * ny);
    for (let p = 0; p < stored.length; p++) stored[p] = Math.round(volume.scalars[k * nx * ny + p]!);
    const position = indexToWorld(volume, [0, 0, k]);
    const sop = `${id.uidRoot}.3.${k + 1}`;
    const elements: DicomElement[] = [
      { tag: t(0x0008, 0x0016), vr: 'UI', value: CT_IMAGE_STORAGE },
      { tag: t(0x0008, 0x0018), vr: 'UI', value: sop },
      { tag: t(0x0008, 0x0020), vr: 'DA', value: id.studyDate },
      { tag: t(0x0008, 0x0030), vr: 'TM', value: '120000' },
      { tag: t(0x0008, 0x0060), vr: 'CS', value: 'CT' },
      { tag: t(0x0008, 0x103e), vr: 'LO', value: 'copy for registration tests' },
      { tag: t(0x0010, 0x0010), vr: 'PN', value: id.patientName },
      { tag: t(0x0010, 0x0020), vr: 'LO', value: id.patientId },
      { tag: t(0x0018, 0x0050), vr: 'DS', value: volume.spacing[2] },
      { tag: t(0x0020, 0x000d), vr: 'UI', value: `${id.uidRoot}.1` },
      { tag: t(0x0020, 0x000e), vr: 'UI', value: `${id.uidRoot}.2` },
      { tag: t(0x0020, 0x0011), vr: 'IS', value: 1 },
      { tag: t(0x0020, 0x0013), vr: 'IS', value: k + 1 },
      { tag: t(0x0020, 0x0032), vr: 'DS', value: position },
      { tag: t(0x0020, 0x0037), vr: 'DS', value: [d[0], d[1], d[2], d[3], d[4], d[5]] },
      { tag: t(0x0020, 0x0052), vr: 'UI', value: `${id.uidRoot}.4` },
      { tag: t(0x0028, 0x0002), vr: 'US', value: 1 },
      { tag: t(0x0028, 0x0004), vr: 'CS', value: 'MONOCHROME2' },
      { tag: t(0x0028, 0x0010), vr: 'US', value: ny },
      { tag: t(0x0028, 0x0011), vr: 'US', value: nx },
      { tag: t(0x0028, 0x0030), vr: 'DS', value: [volume.spacing[1], volume.spacing[0]] },
      { tag: t(0x0028, 0x0100), vr: 'US', value: 16 },
      { tag: t(0x0028, 0x0101), vr: 'US', value: 16 },
      { tag: t(0x0028, 0x0102), vr: 'US', value: 15 },
      { tag: t(0x0028, 0x0103), vr: 'US', value: 1 },
      { tag: t(0x0028, 0x1052), vr: 'DS', value: 0 },
      { tag: t(0x0028, 0x1053), vr: 'DS', value: 1 },
      { tag: t(0x7fe0, 0x0010), vr: 'OW', value: new Uint8Array(stored.buffer) },
    ];
    writeFileSync(join(dir, `CT${String(k + 1).padStart(4, '0')}.dcm`), encodePart10(CT_IMAGE_STORAGE, sop, elements));
  }
}
