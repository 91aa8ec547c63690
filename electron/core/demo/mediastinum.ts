/** Painters for the mediastinum and hila: heart, great vessels, oesophagus, trachea and bronchi. */
import { AORTA, CARINA, HEART_PARTS, HILUM, LEFT_PA, PULMONARY_TRUNK, RIGHT_PA, SVC, TRACHEA, VEIN_HILUM } from './landmarks';
import { PERICARDIAL_FAT_MM } from './lungs';
import { LABEL, type Painter, type Shape } from './shapes';
import type { Vec3 } from '../geometry/vec3';

/** Unenhanced blood and myocardium. */
const BLOOD_HU = 40;

const tube = (points: Vec3[], radii: number[] | number): Shape => ({
  kind: 'tube',
  points,
  radii: typeof radii === 'number' ? points.map(() => radii) : radii,
});

export function heartPainters(): Painter[] {
  const painters: Painter[] = [];
  for (const [i, h] of HEART_PARTS.entries()) {
    const grown: Vec3 = [h.radii[0] + PERICARDIAL_FAT_MM, h.radii[1] + PERICARDIAL_FAT_MM, h.radii[2] + PERICARDIAL_FAT_MM];
    painters.push({ name: `pericardial fat ${i}`, shape: { kind: 'ellipsoid', centre: h.centre, radii: grown, axes: h.axes }, hu: -95, edgeMm: 1.2, label: LABEL.body });
  }
  for (const [i, h] of HEART_PARTS.entries()) {
    painters.push({ name: `heart ${i}`, shape: { kind: 'ellipsoid', centre: h.centre, radii: h.radii, axes: h.axes }, hu: BLOOD_HU, edgeMm: 1.2, label: LABEL.body });
  }
  return painters;
}

export function greatVesselPainters(): Painter[] {
  const v = (name: string, shape: Shape): Painter => ({ name, shape, hu: BLOOD_HU, edgeMm: 1, label: LABEL.body });
  return [
    v('superior vena cava', tube(SVC.points, SVC.radii)),
    v('aorta', tube(AORTA.points, AORTA.radii)),
    v('brachiocephalic trunk', tube([[-2, -10, 78], [-8, -10, 120], [-14, -6, 200]], 7)),
    v('left common carotid artery', tube([[9, -5, 82], [12, -4, 130], [14, 0, 200]], 4.5)),
    v('left subclavian artery', tube([[19, 4, 82], [24, 8, 130], [30, 10, 200]], 5)),
    v('pulmonary trunk', tube(PULMONARY_TRUNK.points, PULMONARY_TRUNK.radii)),
    v('right pulmonary artery', tube(RIGHT_PA.points, RIGHT_PA.radii)),
    v('left pulmonary artery', tube(LEFT_PA.points, LEFT_PA.radii)),
    // Pulmonary veins draining into the left atrium (posterior heart).
    v('right pulmonary veins', tube([VEIN_HILUM.right, [-24, 14, -6], [-8, 10, -6]], 6)),
    v('left pulmonary veins', tube([VEIN_HILUM.left, [26, 14, -4], [16, 10, -6]], 6)),
  ];
}

export function oesophagusPainters(): Painter[] {
  const path: Vec3[] = [
    [2, 22, 200],
    [3, 26, 120],
    [5, 30, 50],
    [6, 32, 0],
    [8, 30, -60],
    [18, 22, -110],
    [34, 10, -140],
  ];
  return [
    { name: 'oesophagus', shape: tube(path, 8), hu: 35, edgeMm: 1, label: LABEL.body },
    { name: 'oesophageal lumen', shape: tube(path.slice(0, 5), 1.8), hu: -950, edgeMm: 1, label: null },
  ];
}

/** A bronchus: wall then lumen. */
function airway(name: string, points: Vec3[], radius: number): Painter[] {
  return [
    { name: `${name} wall`, shape: tube(points, radius + 1.6), hu: 20, edgeMm: 0.8, label: LABEL.body, sliceProfile: true },
    { name: `${name} lumen`, shape: tube(points, radius), hu: -1000, edgeMm: 0.8, label: LABEL.airway, sliceProfile: true },
  ];
}

/** Trachea, carina, main and lobar bronchi. */
export function airwayPainters(): Painter[] {
  const r = HILUM.right;
  const l = HILUM.left;
  const rightMainEnd: Vec3 = [r[0] + 8, r[1] + 4, r[2] + 12];
  const intermediusEnd: Vec3 = [r[0] - 2, r[1] + 2, r[2] - 14];
  const leftMainEnd: Vec3 = [l[0] - 4, l[1] + 2, l[2] - 2];
  return [
    ...airway('trachea', TRACHEA.points, TRACHEA.radius),
    ...airway('right main bronchus', [CARINA, [-14, 15, 37], rightMainEnd], 7),
    ...airway('right upper lobe bronchus', [rightMainEnd, [r[0] - 12, r[1] + 2, r[2] + 24]], 4.2),
    ...airway('bronchus intermedius', [rightMainEnd, intermediusEnd], 5.2),
    ...airway('right middle lobe bronchus', [intermediusEnd, [r[0] - 14, r[1] - 22, r[2] - 22]], 3.2),
    ...airway('right lower lobe bronchus', [intermediusEnd, [r[0] - 12, r[1] + 22, r[2] - 40]], 4.2),
    ...airway('left main bronchus', [CARINA, [20, 17, 36], leftMainEnd], 6.3),
    ...airway('left upper lobe bronchus', [leftMainEnd, [l[0] + 10, l[1] - 14, l[2] + 12]], 4.2),
    ...airway('left lower lobe bronchus', [leftMainEnd, [l[0] + 10, l[1] + 18, l[2] - 32]], 4.2),
  ];
}
