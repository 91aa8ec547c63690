/**
 * Candidates -> re-segmented, measured and classified findings (see candidates.ts,
 * refine-finding.ts, finding-rules.ts). Solid candidates go first (largest first), then blob
 * candidates (strongest first); a candidate whose seed lies in an accepted finding is skipped, and
 * accepted findings claim their voxels so later ones cannot overlap them (all they grew over,
 * hilar end slices included; the region itself leaves those out, trim-hilum.ts).
 */
import type { Vec3 } from '../../dicom/dicom-instance';
import type { Candidate } from './candidates';
import { envelopeDepthMm } from './envelope-depth';
import { decide, rejectionReason, type FindingDecision, type FindingFeatures } from './finding-rules';
import { refineCandidate, type OriginalGrid, type RefinedCandidate } from './refine-finding';
import { shapeFeatures } from './shape-features';
import { trimHilarSlices } from './trim-hilum';

export interface DetectedFinding {
  /** The finding's region: the re-segmented voxels less hilar end slices (trim-hilum.ts). */
  voxels: Int32Array;
  features: FindingFeatures;
  decision: FindingDecision;
  refined: RefinedCandidate;
}

export interface CandidateReport {
  source: Candidate['source'];
  /** Original-grid index of the working seed. */
  seedIndex: Vec3;
  features: FindingFeatures | null;
  accepted: boolean;
  reason: string | null;
}

function featuresOf(r: RefinedCandidate): Omit<FindingFeatures, 'depthMm'> | null {
  if (r.failure || !r.shape) return null;
  const mm3 = r.volumeMl * 1000;
  return {
    diameterMm: r.shape.diameterMm,
    volumeMl: r.volumeMl,
    meanHu: r.meanHu,
    contrastHu: r.coreHu - r.backgroundHu,
    elongation: r.shape.elongation,
    fill: r.shape.fill,
    cutRatio: r.cutMm2 / Math.pow(mm3, 2 / 3),
    cutFraction: r.surfaceMm2 > 0 ? r.cutMm2 / r.surfaceMm2 : 0,
    wallFraction: r.surfaceMm2 > 0 ? r.wallContactMm2 / r.surfaceMm2 : 0,
    lungFraction: r.surfaceMm2 > 0 ? r.lungContactMm2 / r.surfaceMm2 : 0,
    equivalentRadiusMm: Math.cbrt((3 * mm3) / (4 * Math.PI)),
    blobness: r.candidate.blobness,
    axialAspect: r.shape.axialAspect,
    slices: r.shape.slices,
    seedRadiusMm: r.candidate.radiusMm,
    adjacentRatio: r.adjacentBrightMm2 / r.maxAxialAreaMm2,
  };
}

export function toWorking(o: OriginalGrid, voxels: Int32Array): Int32Array {
  const [nx, ny] = o.dims;
  const plane = nx * ny;
  const [mx, my] = o.grid.dims;
  const set = new Set<number>();
  for (const p of voxels) {
    const k = Math.floor(p / plane);
    const j = Math.floor((p - k * plane) / nx);
    const i = p - k * plane - j * nx;
    set.add((o.wk[k]! * my + o.wj[j]!) * mx + o.wi[i]!);
  }
  return Int32Array.from(set);
}

function seedIndexOf(o: OriginalGrid, c: Candidate): Vec3 {
  const [mx, my] = o.grid.dims;
  const i = c.seed % mx;
  const j = Math.floor(c.seed / mx) % my;
  const k = Math.floor(c.seed / (mx * my));
  const g = o.grid;
  return [
    Math.min(o.dims[0] - 1, Math.max(0, Math.round(g.offset[0] + i * g.ratio[0]))),
    Math.min(o.dims[1] - 1, Math.max(0, Math.round(g.offset[1] + j * g.ratio[1]))),
    Math.min(o.dims[2] - 1, Math.max(0, Math.round(g.offset[2] + k * g.ratio[2]))),
  ];
}

export function detectFindings(o: OriginalGrid, candidates: Candidate[], signal?: AbortSignal): { findings: DetectedFinding[]; reports: CandidateReport[] } {
  const order = [...candidates].sort((a, b) => {
    if (a.source !== b.source) return a.source === 'solid' ? -1 : 1;
    return a.source === 'solid' ? b.voxels.length - a.voxels.length : b.blobness - a.blobness;
  });
  const [nx, ny] = o.dims;
  const findings: DetectedFinding[] = [];
  const reports: CandidateReport[] = [];
  for (const c of order) {
    if (signal?.aborted) break;
    const seedIndex = seedIndexOf(o, c);
    if (o.claimed[(seedIndex[2] * ny + seedIndex[1]) * nx + seedIndex[0]]) continue;
    const refined = refineCandidate(o, c);
    const base = featuresOf(refined);
    if (!base) {
      reports.push({ source: c.source, seedIndex, features: null, accepted: false, reason: refined.failure });
      continue;
    }
    let reason = rejectionReason(base);
    let features: FindingFeatures = { ...base, depthMm: NaN };
    if (!reason) {
      features = { ...base, depthMm: envelopeDepthMm(toWorking(o, refined.voxels), o.envelope, o.grid.dims, o.grid.spacing) };
      reason = rejectionReason(features);
    }
    const decision = { ...decide(features), accepted: reason === null, reason };
    reports.push({ source: c.source, seedIndex, features, accepted: decision.accepted, reason });
    if (!decision.accepted) continue;
    for (const p of refined.voxels) o.claimed[p] = 1;
    const voxels = trimHilarSlices(refined.voxels, o.dims, o.spacing, o.scalars, refined.backgroundHu);
    const shape = voxels === refined.voxels ? null : shapeFeatures(voxels, o.dims, o.spacing);
    if (shape) features = { ...features, diameterMm: shape.diameterMm, volumeMl: (voxels.length * o.spacing[0] * o.spacing[1] * o.spacing[2]) / 1000 };
    findings.push({ voxels, features, decision, refined });
  }
  return { findings, reports };
}
