/**
 * The phantom is described as data: an ordered list of painters, each a shape with a CT number.
 * Later painters are drawn over earlier ones (with a soft, partial-volume edge), so the list reads
 * like a layered anatomical drawing. All coordinates are patient LPS millimetres of the phantom's
 * own body frame; an exam's pose maps that frame to its scanner frame.
 */
import type { Vec3 } from '../geometry/vec3';

/** One axial cross-section of a column: an ellipse centred (cx, cy) with semi-axes rx, ry at height z. */
export interface ColumnSection {
  z: number;
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

/** A plane through `point` with unit `normal`; its positive side is where dot(p - point, normal) > 0. */
export interface Plane {
  point: Vec3;
  normal: Vec3;
}

export function planeSide(plane: Plane, p: Vec3): number {
  const n = plane.normal;
  return (p[0] - plane.point[0]) * n[0] + (p[1] - plane.point[1]) * n[1] + (p[2] - plane.point[2]) * n[2];
}

export type Shape =
  /** Ellipsoid; `axes` are the orthonormal directions of radii[0..2] (default: x, y, z). */
  | { kind: 'ellipsoid'; centre: Vec3; radii: Vec3; axes?: [Vec3, Vec3, Vec3] }
  /** Elliptical column whose section is linearly interpolated between `sections` (sorted by z), flat ends. */
  | { kind: 'column'; sections: ColumnSection[] }
  /** Axial elliptical cylinder (e.g. a vertebral body). */
  | { kind: 'cylinder'; centre: Vec3; rx: number; ry: number; halfHeight: number }
  /** Tube along a polyline; the radius is interpolated linearly along each segment, ends are rounded. */
  | { kind: 'tube'; points: Vec3[]; radii: number[] }
  /** Union of spheres (a round nodule is one sphere, a lobulated mass several). */
  | { kind: 'spheres'; spheres: { centre: Vec3; radius: number }[] }
  /** Axis-aligned box. */
  | { kind: 'box'; min: Vec3; max: Vec3 }
  /**
   * Thin slab around a plane (a fissure), limited to a box and to the positive side of `keep` planes.
   */
  | { kind: 'slab'; point: Vec3; normal: Vec3; halfThickness: number; min: Vec3; max: Vec3; keep?: Plane[] }
  /** One lung, as defined by the phantom's lung geometry (see lungs.ts). */
  | { kind: 'lung'; side: 'right' | 'left' };

/** Voxel labels kept alongside the CT numbers (ground truth for lung volumes and masks). */
export const LABEL = {
  outside: 0,
  body: 1,
  rightLung: 2,
  leftLung: 3,
  airway: 4,
  bone: 5,
  table: 6,
  /** Inside the pleural cavity but not lung: mediastinal and upper-abdominal fat. */
  cavity: 7,
} as const;

export interface Painter {
  name: string;
  shape: Shape;
  /** CT number inside the shape, HU. */
  hu: number;
  /** Optional linear HU gradient, HU per mm along LPS y (gravity-dependent lung density). */
  huPerMmY?: number;
  /** y at which `hu` applies when huPerMmY is set. */
  huRefY?: number;
  /** Width of the partial-volume ramp across the surface, mm. */
  edgeMm: number;
  /** Label written where coverage >= 0.5; null keeps the existing label. */
  label: number | null;
  /** If set, the painter only draws over voxels whose current label is in this list. */
  onlyOver?: number[];
  /**
   * Average the coverage over the slice thickness (three samples across the slab) instead of at the
   * slice centre: partial-volume averaging for small structures (vessels, nodules, ribs, bronchi).
   */
  sliceProfile?: boolean;
  /** 'body' (default): moves with the patient. 'world': fixed to the scanner (the table). */
  space?: 'body' | 'world';
}
