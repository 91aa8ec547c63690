import type { Vec3, WorldBox } from '../types';
import { add, dot, scale, sub } from './vec3';

/**
 * The polygon where a world axis-aligned box meets a plane (point, unit normal), ordered around
 * its centre in the plane basis (right, up). Empty when the plane misses the box.
 */
export function intersectBoxWithPlane(box: WorldBox, planePoint: Vec3, normal: Vec3, right: Vec3, up: Vec3, eps = 1e-6): Vec3[] {
  const corners: Vec3[] = [];
  for (let n = 0; n < 8; n++) {
    corners.push([n & 1 ? box.max[0] : box.min[0], n & 2 ? box.max[1] : box.min[1], n & 4 ? box.max[2] : box.min[2]]);
  }
  const d = corners.map((c) => dot(sub(c, planePoint), normal));
  const points: Vec3[] = [];
  const push = (p: Vec3) => {
    if (!points.some((q) => Math.abs(q[0] - p[0]) < 1e-6 && Math.abs(q[1] - p[1]) < 1e-6 && Math.abs(q[2] - p[2]) < 1e-6)) points.push(p);
  };
  for (let a = 0; a < 8; a++) {
    const ca = corners[a]!;
    const da = d[a]!;
    for (const bit of [1, 2, 4]) {
      const b = a | bit;
      if (b === a) continue; // each edge once: from the corner without the bit to the one with it
      const cb = corners[b]!;
      const db = d[b]!;
      if (Math.abs(da) <= eps) push(ca);
      if (Math.abs(db) <= eps) push(cb);
      if ((da < -eps && db > eps) || (da > eps && db < -eps)) {
        const t = da / (da - db);
        push(add(ca, scale(sub(cb, ca), t)));
      }
    }
  }
  if (points.length < 3) return [];
  const c = scale(points.reduce((acc, p) => add(acc, p), [0, 0, 0] as Vec3), 1 / points.length);
  return points
    .map((p) => ({ p, angle: Math.atan2(dot(sub(p, c), up), dot(sub(p, c), right)) }))
    .sort((x, y) => x.angle - y.angle)
    .map((x) => x.p);
}

/** The 12 edges of a box as world segments (for the 3D outline). */
export function boxEdges(box: WorldBox): [Vec3, Vec3][] {
  const corner = (n: number): Vec3 => [n & 1 ? box.max[0] : box.min[0], n & 2 ? box.max[1] : box.min[1], n & 4 ? box.max[2] : box.min[2]];
  const edges: [Vec3, Vec3][] = [];
  for (let a = 0; a < 8; a++) for (const bit of [1, 2, 4]) if (!(a & bit)) edges.push([corner(a), corner(a | bit)]);
  return edges;
}

export function isValidBox(box: WorldBox): boolean {
  return ([0, 1, 2] as const).every((a) => Number.isFinite(box.min[a]) && Number.isFinite(box.max[a]) && box.min[a] <= box.max[a]);
}
