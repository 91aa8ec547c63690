/** Painters for the trunk wall (skin, fat, muscle), the pleural cavity, the upper abdomen and the table. */
import { BODY_SECTIONS, CAVITY_SECTIONS, DIAPHRAGM_MM, DOMES, FAT_MM, SKIN_MM } from './landmarks';
import { LABEL, type ColumnSection, type Painter } from './shapes';
import type { Vec3 } from '../geometry/vec3';

const inset = (sections: ColumnSection[], dx: number, dy: number): ColumnSection[] =>
  sections.map((s) => ({ ...s, rx: s.rx - dx, ry: s.ry - dy }));

/** Scanner table under the patient, fixed in the scanner frame (world y of its top surface). */
export function tablePainters(tableTopY: number): Painter[] {
  const min = (y: number): Vec3 => [-230, tableTopY + y, -2000];
  const max = (y: number): Vec3 => [230, tableTopY + y, 2000];
  return [
    {
      name: 'table shell',
      shape: { kind: 'box', min: min(0), max: [230, tableTopY + 14, 2000] },
      hu: 180,
      edgeMm: 0.8,
      label: LABEL.table,
      space: 'world',
    },
    {
      name: 'table core',
      shape: { kind: 'box', min: min(2), max: max(12) },
      hu: -850,
      edgeMm: 0.8,
      label: null,
      space: 'world',
    },
  ];
}

export function trunkWallPainters(): Painter[] {
  return [
    { name: 'skin', shape: { kind: 'column', sections: BODY_SECTIONS }, hu: 30, edgeMm: 0.8, label: LABEL.body },
    {
      name: 'subcutaneous fat',
      shape: { kind: 'column', sections: inset(BODY_SECTIONS, SKIN_MM, SKIN_MM) },
      hu: -100,
      edgeMm: 1,
      label: null,
    },
    {
      name: 'chest wall muscle',
      shape: { kind: 'column', sections: inset(BODY_SECTIONS, SKIN_MM + FAT_MM[0], SKIN_MM + FAT_MM[1]) },
      hu: 45,
      edgeMm: 1.2,
      label: null,
    },
    // Everything inside the inner chest wall starts as mediastinal/abdominal fat; lungs and organs
    // are drawn over it.
    { name: 'pleural cavity', shape: { kind: 'column', sections: CAVITY_SECTIONS }, hu: -85, edgeMm: 1, label: LABEL.cavity },
  ];
}

/** Hemidiaphragms (muscle) and the organs under them, limited to the cavity. */
export function abdomenPainters(): Painter[] {
  const grow = (r: Vec3, d: number): Vec3 => [r[0] + d, r[1] + d, r[2] + d];
  const only = [LABEL.cavity];
  return [
    {
      name: 'left hemidiaphragm',
      shape: { kind: 'ellipsoid', centre: DOMES.left.centre, radii: grow(DOMES.left.radii, DIAPHRAGM_MM) },
      hu: 42,
      edgeMm: 1,
      label: null,
      onlyOver: only,
    },
    {
      name: 'right hemidiaphragm',
      shape: { kind: 'ellipsoid', centre: DOMES.right.centre, radii: grow(DOMES.right.radii, DIAPHRAGM_MM) },
      hu: 42,
      edgeMm: 1,
      label: null,
      onlyOver: only,
    },
    {
      name: 'spleen and stomach wall',
      shape: { kind: 'ellipsoid', centre: DOMES.left.centre, radii: DOMES.left.radii },
      hu: 45,
      edgeMm: 1,
      label: null,
      onlyOver: only,
    },
    {
      name: 'liver',
      shape: { kind: 'ellipsoid', centre: DOMES.right.centre, radii: DOMES.right.radii },
      hu: 58,
      edgeMm: 1,
      label: null,
      onlyOver: only,
    },
    {
      name: 'stomach contents',
      shape: { kind: 'ellipsoid', centre: [58, -8, -118], radii: [42, 38, 40] },
      hu: 18,
      edgeMm: 1.5,
      label: null,
      onlyOver: only,
    },
    {
      name: 'gastric air',
      shape: { kind: 'ellipsoid', centre: [62, -22, -92], radii: [28, 22, 12] },
      hu: -1000,
      edgeMm: 1,
      label: null,
      onlyOver: only,
    },
  ];
}
