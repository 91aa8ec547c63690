/**
 * Anatomical landmarks of the phantom in its body frame (LPS mm: +x patient's left, +y posterior,
 * +z superior; origin on the midline near the level of the pulmonary hila). Shared by the painters
 * and by the lung geometry so the two always agree.
 */
import type { ColumnSection } from './shapes';
import { cross, unit, type Vec3 } from '../geometry/vec3';

/** Skin surface of the trunk (~340 x 240 mm at mid-chest). */
export const BODY_SECTIONS: ColumnSection[] = [
  { z: -185, cx: 0, cy: 0, rx: 166, ry: 118 },
  { z: -40, cx: 0, cy: 0, rx: 172, ry: 122 },
  { z: 60, cx: 0, cy: 0, rx: 170, ry: 120 },
  { z: 130, cx: 0, cy: 2, rx: 164, ry: 113 },
  { z: 185, cx: 0, cy: 6, rx: 150, ry: 104 },
];

export const SKIN_MM = 2.5;
/** Subcutaneous fat thickness (lateral, anteroposterior). */
export const FAT_MM: [number, number] = [13, 10];

/** Inner chest wall (parietal pleura): the outer limit of the lungs and of the mediastinum. */
export const CAVITY_SECTIONS: ColumnSection[] = [
  { z: -185, cx: 0, cy: -2, rx: 136, ry: 91 },
  { z: -40, cx: 0, cy: -3, rx: 140, ry: 92 },
  { z: 40, cx: 0, cy: -2, rx: 135, ry: 90 },
  { z: 100, cx: 0, cy: 2, rx: 118, ry: 82 },
  { z: 140, cx: 0, cy: 6, rx: 96, ry: 72 },
  { z: 185, cx: 0, cy: 10, rx: 72, ry: 56 },
];

/** Vertebral level n (1 = T1 ... 12 = T12, 0 = C7, 13 = L1): centre height of the body. */
export const VERTEBRA_PITCH_MM = 24;
export const vertebraZ = (n: number): number => 140 - VERTEBRA_PITCH_MM * (n - 1);
/** Vertebral body centre y (mild thoracic kyphosis). */
export const vertebraY = (z: number): number => 56 + 6 * Math.cos(((z - 10) / 170) * Math.PI * 0.5);

export const CARINA: Vec3 = [1, 14, 45];

export const TRACHEA: { points: Vec3[]; radius: number } = {
  points: [
    [0, 0, 200],
    [0, 4, 130],
    [0.5, 9, 80],
    CARINA,
  ],
  radius: 9,
};

/** Aorta centreline from the root through the arch (left of the trachea) to the hiatus. */
export const AORTA: { points: Vec3[]; radii: number[] } = {
  points: [
    [2, -8, -8],
    [-4, -18, 15],
    [-7, -18, 45],
    [-5, -12, 66],
    [6, -4, 78],
    [22, 8, 80],
    [28, 24, 72],
    [27, 36, 55],
    [26, 40, 25],
    [23, 42, -30],
    [16, 40, -90],
    [8, 34, -150],
    [4, 28, -200],
  ],
  radii: [15, 16, 16, 15, 14, 13.5, 13, 12.5, 12, 12, 11.5, 11, 11],
};

export const PULMONARY_TRUNK: { points: Vec3[]; radii: number[] } = {
  points: [
    [14, -40, -4],
    [17, -27, 16],
    [13, -10, 26],
  ],
  radii: [13, 13, 12],
};

export const RIGHT_PA: { points: Vec3[]; radii: number[] } = {
  points: [
    [13, -10, 26],
    [0, 5, 20],
    [-24, 9, 16],
    [-44, 10, 16],
  ],
  radii: [11, 10, 9.5, 8.5],
};

export const LEFT_PA: { points: Vec3[]; radii: number[] } = {
  points: [
    [13, -10, 26],
    [28, 0, 36],
    [42, 12, 34],
    [48, 18, 28],
  ],
  radii: [11, 10, 9, 8.5],
};

export const SVC: { points: Vec3[]; radii: number[] } = {
  points: [
    [-34, -8, 200],
    [-36, -8, 100],
    [-32, -10, 40],
    [-26, -12, 5],
  ],
  radii: [10, 10, 10.5, 11],
};

/** Right-hilum and left-hilum centres (where the pulmonary arteries and bronchi enter the lungs). */
export const HILUM: { right: Vec3; left: Vec3 } = {
  right: [-46, 10, 16],
  left: [49, 18, 28],
};

/** Where the pulmonary veins leave each lung (below the arterial hilum). */
export const VEIN_HILUM: { right: Vec3; left: Vec3 } = {
  right: [-46, 20, -6],
  left: [46, 24, 0],
};

/** Heart as a union of ellipsoids (ventricles, right atrium, left atrium). */
export const HEART_PARTS: { centre: Vec3; radii: Vec3; axes?: [Vec3, Vec3, Vec3] }[] = (() => {
  const u = unit([0.62, -0.45, -0.64]);
  const v = unit(cross(u, [0, 0, 1]));
  const w = cross(u, v);
  return [
    { centre: [27, -30, -34], radii: [62, 46, 42], axes: [u, v, w] },
    { centre: [-14, -18, -24], radii: [30, 30, 36] },
    { centre: [8, 8, -6], radii: [34, 20, 20] },
  ];
})();

/** Diaphragm domes: the abdomen under each hemidiaphragm (the right one higher, over the liver). */
export const DOMES: { right: { centre: Vec3; radii: Vec3 }; left: { centre: Vec3; radii: Vec3 } } = {
  right: { centre: [-40, -16, -160], radii: [112, 110, 120] },
  left: { centre: [45, -12, -174], radii: [112, 112, 122] },
};
export const DIAPHRAGM_MM = 4;
