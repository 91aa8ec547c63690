/** Painters for the bones: thoracic spine, ribs with costal cartilages, sternum, clavicles, scapulae. */
import { CAVITY_SECTIONS, vertebraY, vertebraZ } from './landmarks';
import { LABEL, type ColumnSection, type Painter, type Shape } from './shapes';
import { unit, type Vec3 } from '../geometry/vec3';

const CORTEX_HU = 750;
const VERTEBRA_MARROW_HU = 420;
const RIB_MARROW_HU = 300;
const CARTILAGE_HU = 130;

function bone(name: string, outer: Shape, inner: Shape | null, marrowHu: number): Painter[] {
  const out: Painter[] = [{ name: `${name} cortex`, shape: outer, hu: CORTEX_HU, edgeMm: 0.8, label: LABEL.bone, sliceProfile: true }];
  if (inner) out.push({ name: `${name} marrow`, shape: inner, hu: marrowHu, edgeMm: 0.8, label: null, sliceProfile: true });
  return out;
}

const tube = (points: Vec3[], radius: number): Shape => ({ kind: 'tube', points, radii: points.map(() => radius) });

/** Vertebral body half-axes at level n (0 = C7 ... 13 = L1). */
const bodyRadii = (n: number): [number, number] => [13 + n * 0.75, 11 + n * 0.55];

export function spinePainters(): Painter[] {
  const painters: Painter[] = [];
  const levels = Array.from({ length: 14 }, (_, n) => n);
  // Discs: one continuous column under the vertebral bodies.
  const discSections: ColumnSection[] = levels.map((n) => {
    const z = vertebraZ(n);
    const [rx, ry] = bodyRadii(n);
    return { z, cx: 0, cy: vertebraY(z), rx: rx - 0.5, ry: ry - 0.5 };
  });
  painters.push({ name: 'intervertebral discs', shape: { kind: 'column', sections: discSections }, hu: 85, edgeMm: 1, label: LABEL.body });
  const canal: ColumnSection[] = [];
  for (const n of levels) {
    const z = vertebraZ(n);
    const y = vertebraY(z);
    const [rx, ry] = bodyRadii(n);
    const yc = y + ry + 9; // spinal canal centre
    canal.push({ z, cx: 0, cy: yc, rx: 7.5, ry: 7 });
    painters.push(
      ...bone(
        `vertebra ${n}`,
        { kind: 'cylinder', centre: [0, y, z], rx, ry, halfHeight: 9.5 },
        { kind: 'cylinder', centre: [0, y, z], rx: rx - 1.8, ry: ry - 1.8, halfHeight: 7.7 },
        VERTEBRA_MARROW_HU,
      ),
      ...bone(`neural arch ${n}`, { kind: 'cylinder', centre: [0, yc + 1, z - 2], rx: 13, ry: 11, halfHeight: 6 }, null, 0),
      ...bone(`spinous process ${n}`, tube([[0, yc + 8, z - 2], [0, yc + 20, z - 14]], 3.8), null, 0),
      ...bone(`pedicles ${n}`, tube([[-9, y + ry - 3, z], [-10, yc, z - 1]], 3.8), null, 0),
      ...bone(`pedicles ${n}b`, tube([[9, y + ry - 3, z], [10, yc, z - 1]], 3.8), null, 0),
      ...bone(`transverse processes ${n}`, tube([[-10, yc, z - 1], [-30, yc + 5, z + 1]], 4.2), null, 0),
      ...bone(`transverse processes ${n}b`, tube([[10, yc, z - 1], [30, yc + 5, z + 1]], 4.2), null, 0),
    );
  }
  painters.push({ name: 'spinal canal', shape: { kind: 'column', sections: canal }, hu: 30, edgeMm: 1, label: LABEL.body });
  return painters;
}

/** Ribs 1-12 each side: bony rib from the vertebra round the chest wall, then costal cartilage. */
export function ribPainters(): Painter[] {
  const sectionAt = (z: number): ColumnSection => {
    const s = CAVITY_SECTIONS;
    let i = 0;
    while (i < s.length - 2 && z > s[i + 1]!.z) i++;
    const a = s[i]!;
    const b = s[i + 1]!;
    const t = Math.min(1, Math.max(0, (z - a.z) / (b.z - a.z)));
    return { z, cx: a.cx + (b.cx - a.cx) * t, cy: a.cy + (b.cy - a.cy) * t, rx: a.rx + (b.rx - a.rx) * t, ry: a.ry + (b.ry - a.ry) * t };
  };
  const painters: Painter[] = [];
  for (let rib = 1; rib <= 12; rib++) {
    const zHead = vertebraZ(rib) + 4;
    const drop = Math.min(40 + 5 * rib, 85);
    const thetaBoneEnd = rib <= 10 ? 2.45 : rib === 11 ? 1.9 : 1.5;
    const radius = rib === 1 ? 5.5 : 5;
    for (const sign of [-1, 1]) {
      const yHead = vertebraY(zHead);
      const [rxVb] = bodyRadii(rib);
      const pathAt = (theta: number): Vec3 => {
        const z = zHead - (drop * (1 - Math.cos(theta))) / 2;
        const s = sectionAt(z);
        return [sign * (s.rx + 7) * Math.sin(theta), s.cy + (s.ry + 7) * Math.cos(theta), z];
      };
      const bonePts: Vec3[] = [[sign * (rxVb + 4), yHead + 6, zHead]];
      for (let th = 0.38; th < thetaBoneEnd; th += 0.12) bonePts.push(pathAt(th));
      bonePts.push(pathAt(thetaBoneEnd));
      painters.push(...bone(`rib ${rib}${sign < 0 ? 'R' : 'L'}`, tube(bonePts, radius), tube(bonePts, radius - 1.8), RIB_MARROW_HU));
      if (rib <= 10) {
        const cart: Vec3[] = [pathAt(thetaBoneEnd)];
        const thetaEnd = rib <= 7 ? 2.85 : 2.75;
        for (let th = thetaBoneEnd + 0.1; th < thetaEnd; th += 0.1) cart.push(pathAt(th));
        if (rib <= 7) {
          const last = pathAt(thetaEnd);
          cart.push([sign * 16, last[1] - 2, last[2]]);
        }
        painters.push({ name: `costal cartilage ${rib}`, shape: tube(cart, 4.5), hu: CARTILAGE_HU, edgeMm: 0.8, label: LABEL.bone });
      }
    }
  }
  return painters;
}

export function sternumPainters(): Painter[] {
  const outer: ColumnSection[] = [
    { z: -72, cx: 0, cy: -100, rx: 4, ry: 3 },
    { z: -55, cx: 0, cy: -103, rx: 10, ry: 5 },
    { z: -30, cx: 0, cy: -104, rx: 15, ry: 7 },
    { z: 70, cx: 0, cy: -99, rx: 15, ry: 7 },
    { z: 85, cx: 0, cy: -96, rx: 21, ry: 7.5 },
    { z: 110, cx: 0, cy: -92, rx: 26, ry: 8 },
  ];
  const inner = outer.map((s) => ({ ...s, rx: Math.max(s.rx - 2, 1), ry: Math.max(s.ry - 2, 1) }));
  return bone('sternum', { kind: 'column', sections: outer }, { kind: 'column', sections: inner }, 280);
}

export function shoulderGirdlePainters(): Painter[] {
  const painters: Painter[] = [];
  for (const sign of [-1, 1]) {
    const side = sign < 0 ? 'R' : 'L';
    const clav: Vec3[] = [
      [sign * 24, -96, 116],
      [sign * 60, -92, 124],
      [sign * 105, -80, 132],
      [sign * 138, -50, 140],
    ];
    painters.push(...bone(`clavicle ${side}`, tube(clav, 6.5), tube(clav, 4.5), RIB_MARROW_HU));
    const tangent = unit([sign * 0.82, -0.57, 0]);
    const normal = unit([sign * 0.57, 0.82, 0]);
    painters.push(
      ...bone(
        `scapula ${side}`,
        { kind: 'ellipsoid', centre: [sign * 110, 74, 92], radii: [40, 4.5, 60], axes: [tangent, normal, [0, 0, 1]] },
        { kind: 'ellipsoid', centre: [sign * 110, 74, 92], radii: [38, 2.5, 58], axes: [tangent, normal, [0, 0, 1]] },
        RIB_MARROW_HU,
      ),
    );
  }
  return painters;
}
