/**
 * Realistic Region fixtures from the demo phantom's ground truth: one finding per planted lesion
 * (centre, diameter, side, zone exactly as the demo manifest reports them, in the current exam's
 * world coordinates), plus the anatomy the chest CT analysis produces (right/left lung, the six lung
 * zones, trachea), with the analysis' labels. Geometry only: no voxels are rendered.
 */
import type { Vec3 } from '../../../../electron/core/dicom/dicom-instance';
import { bodyToWorld, demoExamSpec, type DemoExamSpec } from '../../../../electron/core/demo/exam-spec';
import { placeLesions, type ExamRole, type PlacedLesion } from '../../../../electron/core/demo/lesions';
import { LungGeometry, type LungSide } from '../../../../electron/core/demo/lungs';
import type { Region } from '../../../../electron/core/regions/region';

export interface DemoFixture {
  exam: DemoExamSpec;
  lesions: PlacedLesion[];
  /** Findings by lesion id (N1..N4, M1). */
  findings: Record<string, Region>;
  anatomy: Region[];
  all: Region[];
  /** World point -> the demo series' number and the InstanceNumber of the slice through it. */
  locate: (p: Vec3) => { seriesNumber: number; instanceNumber: number } | null;
}

let cachedLungs: LungGeometry | null = null;
let cachedLesions: PlacedLesion[] | null = null;

function worldBoxOf(exam: DemoExamSpec, min: Vec3, max: Vec3): { min: Vec3; max: Vec3 } {
  // The current exam's pose is a pure translation; for the prior, take the box of the 8 corners.
  const corners: Vec3[] = [];
  for (const x of [min[0], max[0]]) for (const y of [min[1], max[1]]) for (const z of [min[2], max[2]]) corners.push(bodyToWorld(exam, [x, y, z]));
  const lo: Vec3 = [Infinity, Infinity, Infinity];
  const hi: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const c of corners) for (let a = 0; a < 3; a++) {
    lo[a] = Math.min(lo[a]!, c[a]!);
    hi[a] = Math.max(hi[a]!, c[a]!);
  }
  return { min: lo, max: hi };
}

function voxelBoxOf(exam: DemoExamSpec, box: { min: Vec3; max: Vec3 }): { min: Vec3; max: Vec3 } {
  const idx = (p: Vec3): Vec3 => [0, 1, 2].map((a) => (p[a]! - exam.origin[a]!) / exam.spacing[a]!) as Vec3;
  const a = idx(box.min);
  const b = idx(box.max);
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  return {
    min: [0, 1, 2].map((i) => clamp(Math.floor(Math.min(a[i]!, b[i]!)), exam.dims[i]!)) as Vec3,
    max: [0, 1, 2].map((i) => clamp(Math.ceil(Math.max(a[i]!, b[i]!)), exam.dims[i]!)) as Vec3,
  };
}

export function demoFixture(role: ExamRole = 'current', options: { idPrefix?: string; volumeId?: string } = {}): DemoFixture {
  const exam = demoExamSpec(role);
  cachedLungs ??= new LungGeometry();
  cachedLesions ??= placeLesions(cachedLungs);
  const lungs = cachedLungs;
  const prefix = options.idPrefix ?? `demo-${role}`;
  const volumeId = options.volumeId ?? `${prefix}-volume`;
  const base = {
    code: null,
    volumeId,
    seriesInstanceUid: exam.seriesInstanceUid,
    frameOfReferenceUid: exam.frameOfReferenceUid,
    mask: null,
    runId: null,
    meanHu: null,
  };
  const findings: Record<string, Region> = {};
  for (const l of cachedLesions) {
    const d = l.diameterMm[role];
    const r = d / 2;
    const centre = bodyToWorld(exam, l.centre);
    const worldBox = { min: centre.map((c) => c - r) as Vec3, max: centre.map((c) => c + r) as Vec3 };
    findings[l.id] = {
      ...base,
      id: `${prefix}-${l.id}`,
      label: l.kind,
      kind: 'finding',
      laterality: l.side,
      zone: l.zone,
      voxelBox: voxelBoxOf(exam, worldBox),
      worldBox,
      centroid: centre,
      volumeMl: ((4 / 3) * Math.PI * r ** 3) / 1000,
      diameterMm: d,
      meanHu: 35,
      confidence: 0.9,
    };
  }
  const anatomy: Region[] = [];
  const sides: LungSide[] = ['right', 'left'];
  for (const side of sides) {
    const box = lungs.box(side);
    const worldBox = worldBoxOf(exam, box.min, box.max);
    const centroid = worldBox.min.map((v, a) => (v + worldBox.max[a]!) / 2) as Vec3;
    anatomy.push({ ...base, id: `${prefix}-lung-${side}`, label: `${side} lung`, kind: 'anatomy', laterality: side, zone: null, worldBox, voxelBox: voxelBoxOf(exam, worldBox), centroid, volumeMl: 1500, diameterMm: null, confidence: 0.9 });
    const h = (box.max[2] - box.min[2]) / 3;
    (['upper', 'middle', 'lower'] as const).forEach((zone, i) => {
      const zMax = box.max[2] - i * h;
      const zb = worldBoxOf(exam, [box.min[0], box.min[1], zMax - h], [box.max[0], box.max[1], zMax]);
      const c = zb.min.map((v, a) => (v + zb.max[a]!) / 2) as Vec3;
      anatomy.push({ ...base, id: `${prefix}-zone-${side}-${zone}`, label: `${side} ${zone} lung zone`, kind: 'anatomy', laterality: side, zone, worldBox: zb, voxelBox: voxelBoxOf(exam, zb), centroid: c, volumeMl: 500, diameterMm: null, confidence: 0.8 });
    });
  }
  const tb = worldBoxOf(exam, [-10, -5, 40], [10, 15, 150]);
  anatomy.push({ ...base, id: `${prefix}-trachea`, label: 'trachea', kind: 'anatomy', laterality: 'midline', zone: null, worldBox: tb, voxelBox: voxelBoxOf(exam, tb), centroid: tb.min.map((v, a) => (v + tb.max[a]!) / 2) as Vec3, volumeMl: 30, diameterMm: null, confidence: 0.8 });

  const locate = (p: Vec3) => {
    const k = Math.round((p[2] - exam.origin[2]) / exam.spacing[2]);
    if (k < 0 || k >= exam.dims[2]) return null;
    return { seriesNumber: exam.seriesNumber, instanceNumber: exam.dims[2] - k };
  };
  return { exam, lesions: cachedLesions, findings, anatomy, all: [...anatomy, ...Object.values(findings)], locate };
}
