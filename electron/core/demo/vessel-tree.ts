/**
 * Pulmonary vessels grown by space colonisation: attraction points are scattered through each lung
 * (seeded), and trees rooted at the arterial and venous hila grow towards them in small steps, so
 * the vessels branch recursively and fill the lung evenly. Radii follow a Murray-type law from thin
 * peripheral twigs to the large central branches. Every segment is then checked against the exact
 * lung geometry: its whole tube stays inside the lung and clear of the lesions (radii are reduced
 * where needed, or the branch is pruned).
 */
import { HILUM, VEIN_HILUM } from './landmarks';
import type { LungGeometry, LungSide } from './lungs';
import type { Rng } from './prng';
import { add, normalize, pointSegment, scale, unit, type Vec3 } from '../geometry/vec3';

export interface VesselSegment {
  side: LungSide;
  a: Vec3;
  b: Vec3;
  ra: number;
  rb: number;
  /** Steps (segments) from the tree's root at the hilum. */
  generation: number;
}

export interface Obstacle {
  centre: Vec3;
  /** Radius to keep clear of (the lesion's largest extent). */
  radius: number;
}

/** Minimum gap between a vessel's surface and the lung surface / a lesion, mm. */
export const VESSEL_LUNG_MARGIN_MM = 0.4;
export const VESSEL_LESION_CLEARANCE_MM = 3;

const ATTRACTORS_PER_LUNG = 5500;
const STEP_MM = 3.5;
const KILL_MM = 5;
const INFLUENCE_MM = 45;
const LEAF_RADIUS_MM = 0.5;
const MIN_RADIUS_MM = 0.35;
const MURRAY_EXPONENT = 2.2;
const MAX_ITERATIONS = 400;

/** Root directions (right lung; mirrored in x for the left). */
const ROOTS: { from: 'artery' | 'vein'; dir: Vec3 }[] = [
  { from: 'artery', dir: [-0.3, -0.1, 1] },
  { from: 'artery', dir: [-0.6, -0.75, 0.35] },
  { from: 'artery', dir: [-0.5, 0.75, 0.45] },
  { from: 'artery', dir: [-1, -0.2, 0.1] },
  { from: 'artery', dir: [-0.75, -0.6, -0.45] },
  { from: 'artery', dir: [-0.9, 0.1, -0.5] },
  { from: 'artery', dir: [-0.35, 0.65, -0.85] },
  { from: 'vein', dir: [-0.25, -0.15, -1] },
  { from: 'vein', dir: [-0.5, 0.5, -0.7] },
  { from: 'vein', dir: [-0.8, -0.4, -0.2] },
];

interface Node {
  pos: Vec3;
  parent: number; // -1 for a root
  depth: number;
  radius: number;
  alive: boolean;
}

/** Where each root's tree begins (inside the lung) and the hilum point it connects back to. */
export interface VesselRoot {
  side: LungSide;
  hilum: Vec3;
  start: Vec3;
}

export function vesselRoots(lungs: LungGeometry): VesselRoot[] {
  const roots: VesselRoot[] = [];
  for (const side of ['right', 'left'] as const) {
    const mirror = side === 'right' ? 1 : -1;
    for (const root of ROOTS) {
      const hilum = root.from === 'artery' ? HILUM[side] : VEIN_HILUM[side];
      const dir = unit([root.dir[0] * mirror, root.dir[1], root.dir[2]]);
      for (let t = 0; t < 60; t += 0.5) {
        const p = add(hilum, scale(dir, t));
        if (lungs.sdf(side, p[0], p[1], p[2]) < -6) {
          roots.push({ side, hilum, start: p });
          break;
        }
      }
    }
  }
  return roots;
}

export function growVesselTrees(lungs: LungGeometry, obstacles: Obstacle[], rng: Rng): VesselSegment[] {
  const out: VesselSegment[] = [];
  const roots = vesselRoots(lungs);
  for (const side of ['right', 'left'] as const) {
    const nodes = colonise(lungs, obstacles, rng, side, roots.filter((r) => r.side === side));
    assignRadii(nodes);
    constrain(lungs, obstacles, side, nodes);
    for (const n of nodes) {
      if (n.parent < 0 || !n.alive) continue;
      const p = nodes[n.parent]!;
      out.push({ side, a: p.pos, b: n.pos, ra: n.radius, rb: n.radius, generation: n.depth });
    }
  }
  return out;
}

function sampleAttractors(lungs: LungGeometry, obstacles: Obstacle[], rng: Rng, side: LungSide): Float64Array {
  const { min, max } = lungs.box(side);
  const pts = new Float64Array(ATTRACTORS_PER_LUNG * 3);
  let n = 0;
  let guard = 0;
  while (n < ATTRACTORS_PER_LUNG && guard++ < ATTRACTORS_PER_LUNG * 200) {
    const x = rng.range(min[0], max[0]);
    const y = rng.range(min[1], max[1]);
    const z = rng.range(min[2], max[2]);
    if (lungs.sdf(side, x, y, z, 0) > -2.5) continue;
    let blocked = false;
    for (const o of obstacles) {
      const dx = x - o.centre[0];
      const dy = y - o.centre[1];
      const dz = z - o.centre[2];
      if (dx * dx + dy * dy + dz * dz < (o.radius + 6) ** 2) blocked = true;
    }
    if (blocked) continue;
    pts[n * 3] = x;
    pts[n * 3 + 1] = y;
    pts[n * 3 + 2] = z;
    n++;
  }
  return pts.subarray(0, n * 3);
}

function segmentInside(lungs: LungGeometry, side: LungSide, a: Vec3, b: Vec3, depth: number): boolean {
  for (let s = 0; s <= 4; s++) {
    const t = s / 4;
    if (lungs.sdf(side, a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t) > -depth) return false;
  }
  return true;
}

function colonise(lungs: LungGeometry, obstacles: Obstacle[], rng: Rng, side: LungSide, roots: VesselRoot[]): Node[] {
  const attractors = sampleAttractors(lungs, obstacles, rng, side);
  const count = attractors.length / 3;
  const alive = new Uint8Array(count).fill(1);
  const failures = new Uint8Array(count);
  const nearest = new Int32Array(count).fill(-1);
  const nearestD2 = new Float64Array(count).fill(Infinity);
  const nodes: Node[] = roots.map((r) => ({ pos: r.start, parent: -1, depth: 0, radius: 0, alive: true }));
  const childDirs = new Map<number, Vec3[]>();
  let checkedUpTo = 0;

  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    // Update each attractor's nearest node with the nodes added since the last iteration.
    for (let p = 0; p < count; p++) {
      if (!alive[p]) continue;
      const px = attractors[p * 3]!;
      const py = attractors[p * 3 + 1]!;
      const pz = attractors[p * 3 + 2]!;
      for (let n = checkedUpTo; n < nodes.length; n++) {
        const q = nodes[n]!.pos;
        const d2 = (px - q[0]) ** 2 + (py - q[1]) ** 2 + (pz - q[2]) ** 2;
        if (d2 < nearestD2[p]!) {
          nearestD2[p] = d2;
          nearest[p] = n;
        }
      }
      if (nearestD2[p]! < KILL_MM * KILL_MM) alive[p] = 0;
    }
    checkedUpTo = nodes.length;

    // Each live attractor pulls its nearest node (within the influence radius).
    const pull = new Map<number, { dir: Vec3; attractors: number[] }>();
    for (let p = 0; p < count; p++) {
      if (!alive[p] || nearestD2[p]! > INFLUENCE_MM * INFLUENCE_MM) continue;
      // Within the influence radius, so nearest[p] was set to a node.
      const n = nearest[p]!;
      const q = nodes[n]!.pos;
      const d = Math.sqrt(nearestD2[p]!);
      const u: Vec3 = [(attractors[p * 3]! - q[0]) / d, (attractors[p * 3 + 1]! - q[1]) / d, (attractors[p * 3 + 2]! - q[2]) / d];
      const acc = pull.get(n);
      if (acc) {
        acc.dir = add(acc.dir, u);
        acc.attractors.push(p);
      } else pull.set(n, { dir: u, attractors: [p] });
    }
    if (pull.size === 0) break;

    for (const [n, { dir, attractors: pulling }] of [...pull.entries()].sort((a, b) => a[0] - b[0])) {
      const node = nodes[n]!;
      // A pull that cancels out (no direction) grows the branch headwards, as it always has.
      let d: Vec3 = normalize(dir) ?? [0, 0, 1];
      // A little seeded wiggle so branches are not ruler-straight.
      d = normalize([d[0] + rng.range(-0.12, 0.12), d[1] + rng.range(-0.12, 0.12), d[2] + rng.range(-0.12, 0.12)]) ?? [0, 0, 1];
      const next = add(node.pos, scale(d, STEP_MM));
      const siblings = childDirs.get(n) ?? [];
      const duplicate = siblings.some((s) => s[0] * d[0] + s[1] * d[1] + s[2] * d[2] > 0.97);
      const ok =
        !duplicate &&
        segmentInside(lungs, side, node.pos, next, 1.2) &&
        obstacles.every((o) => pointSegment(o.centre, node.pos, next).distance > o.radius + VESSEL_LESION_CLEARANCE_MM + 0.5);
      if (!ok) {
        for (const p of pulling) if (++failures[p]! >= 3) alive[p] = 0;
        continue;
      }
      siblings.push(d);
      childDirs.set(n, siblings);
      nodes.push({ pos: next, parent: n, depth: node.depth + 1, radius: 0, alive: true });
    }
    // Rounds where every pulled node failed still make progress: failing attractors retire.
  }
  return nodes;
}

/** Murray-type radii: leaves thin, each parent r^k = sum of its children's r^k. */
function assignRadii(nodes: Node[]): void {
  const sum = new Float64Array(nodes.length);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    const childSum = sum[i]!;
    const r = childSum > 0 ? Math.pow(childSum, 1 / MURRAY_EXPONENT) : LEAF_RADIUS_MM;
    node.radius = r;
    if (node.parent >= 0) sum[node.parent]! += Math.pow(r, MURRAY_EXPONENT);
  }
}

/** Shrinks radii so each tube stays inside the lung and clear of lesions; prunes what cannot fit. */
function constrain(lungs: LungGeometry, obstacles: Obstacle[], side: LungSide, nodes: Node[]): void {
  for (const n of nodes) {
    if (n.parent < 0) continue;
    const parent = nodes[n.parent]!;
    if (!parent.alive && parent.parent >= 0) {
      n.alive = false;
      continue;
    }
    let limit = n.radius;
    for (let s = 0; s <= 8; s++) {
      const t = s / 8;
      const a = parent.pos;
      const b = n.pos;
      const depth = -lungs.sdf(side, a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t);
      limit = Math.min(limit, depth - VESSEL_LUNG_MARGIN_MM - 0.3);
    }
    for (const o of obstacles) {
      limit = Math.min(limit, pointSegment(o.centre, parent.pos, n.pos).distance - o.radius - VESSEL_LESION_CLEARANCE_MM);
    }
    if (limit < MIN_RADIUS_MM) n.alive = false;
    else n.radius = limit;
  }
}
