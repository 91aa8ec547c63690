/**
 * Chest CT analysis: body, airways, right and left lungs, lung zones and lung findings (nodules,
 * masses, airless lung: consolidation or atelectasis, lung volume asymmetry) as Regions on the
 * volume's own grid.
 *
 * Pipeline: resample to the working grid (working-grid.ts) -> the chest-ct ONNX graph (dense
 * thresholds, morphology, blob filter) -> post-processing on the working grid (body.ts, airways.ts,
 * lungs.ts, envelope.ts, candidates.ts) -> findings re-segmented and measured on the original grid
 * (refine-finding.ts, finding-rules.ts) -> airless lung against the mirrored other lung
 * (airless-lung.ts) -> Regions with RLE masks (region-masks.ts) -> lung assessment (assess-lungs.ts).
 */
import type { Vec3 } from '../../dicom/dicom-instance';
import { RadGroundError } from '../../errors/radground-error';
import { indexToWorld } from '../../../shared/geometry/grid';
import type { Laterality, Region } from '../../regions/region';
import type { LungAssessment } from '../lung-assessment';
import type { Volume } from '../../volume-assembly/volume';
import { AIRLESS_LABEL, findAirlessLung, type AirlessRegion } from './airless-lung';
import { findAirways } from './airways';
import { bodyMidlineX, segmentBody } from './body';
import { buildRegion, type RegionContext, type RegionSpec } from './build-regions';
import { findCandidates } from './candidates';
import { lungEnvelopes } from './envelope';
import { assessLungs, MAX_ASYMMETRY, type LungMeasures } from './assess-lungs';
import { detectFindings, toWorking, type CandidateReport } from './findings';
import { isNearMiss } from './finding-rules';
import { checkGraphOutputs, ortGraphRunner, type ChestCtGraphRunner, type OrtSessionGraph } from './graph-runner';
import { LEFT, RIGHT, segmentLungs } from './lungs';
import { SCT } from './model-contract';
import { assertAxial, evalLinear, worldAxis } from './orientation';
import type { OriginalGrid } from './refine-finding';
import { maskFromVoxels, masksFromWorkingLabels, type MaskStats } from './region-masks';
import { nearestWorkingIndex, resampleToWorkingGrid, workingGridFor } from './working-grid';
import { lungExtents, zoneAt, ZONES, type LungExtent } from './zones';


export interface AnalyzeChestCtOptions {
  /** Stored in each Region's volumeId. */
  volumeId?: string | null;
  /** Stored in each Region's runId, and the prefix of region ids ('chest-ct' when null). */
  runId?: string | null;
  signal?: AbortSignal;
  /** Also return every finding candidate with its measurements and why it was rejected. */
  diagnostics?: boolean;
}

export interface ChestCtTimings {
  resampleMs: number;
  graphMs: number;
  bodyAirwaysMs: number;
  lungsMs: number;
  envelopeMs: number;
  findingsMs: number;
  regionsMs: number;
  totalMs: number;
}

export interface ChestCtDiagnostics {
  candidates: CandidateReport[];
  lungSplit: string;
  carinaFound: boolean;
  airless?: AirlessRegion[];
}

export interface ChestCtAnalysis {
  regions: Region[];
  timings: ChestCtTimings;
  warnings: string[];
  /** What the analysis positively verified about the lungs (drafts state normal findings only on it). */
  assessment: LungAssessment;
  workingGrid: { dims: Vec3; spacing: Vec3 };
  diagnostics?: ChestCtDiagnostics;
}

function checkVolume(volume: Volume): void {
  if (volume.units !== 'HU' || (volume.modality !== null && volume.modality !== 'CT')) {
    throw new RadGroundError('UNSUPPORTED_INPUT', 'chest-ct analysis needs a CT volume in Hounsfield units', {
      modality: volume.modality,
      units: volume.units,
    });
  }
  if (volume.dims.some((d) => d < 2) || volume.scalars.length !== volume.dims[0] * volume.dims[1] * volume.dims[2]) {
    throw new RadGroundError('UNSUPPORTED_INPUT', 'chest-ct analysis needs a 3D volume', { dims: volume.dims });
  }
  assertAxial(volume);
}

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RadGroundError('CANCELLED', 'chest-ct analysis cancelled');
}

export async function analyzeChestCt(
  volume: Volume,
  graph: ChestCtGraphRunner | OrtSessionGraph,
  options: AnalyzeChestCtOptions = {},
): Promise<ChestCtAnalysis> {
  checkVolume(volume);
  const { signal } = options;
  const run = typeof graph === 'function' ? graph : ortGraphRunner(graph);
  const t0 = performance.now();
  let t = t0;
  const lap = () => {
    const now = performance.now();
    const d = now - t;
    t = now;
    return Math.round(d);
  };
  const warnings: string[] = [];

  const grid = workingGridFor(volume);
  const hu = resampleToWorkingGrid(volume, grid);
  const resampleMs = lap();
  checkAborted(signal);

  const [mx, my, mz] = grid.dims;
  const n = mx * my * mz;
  const outs = checkGraphOutputs(await run(hu, [1, 1, mz, my, mx]), n);
  const graphMs = lap();
  checkAborted(signal);

  const body = segmentBody(outs.body, grid.dims);
  const midX = bodyMidlineX(body, grid);
  const airIn = new Uint8Array(n);
  for (let p = 0; p < n; p++) airIn[p] = outs.air[p]! & body[p]!;
  const airways = findAirways(airIn, hu, grid, midX);
  if (!airways.found) warnings.push('trachea not found (not in the scan, or not recognised)');
  const bodyAirwaysMs = lap();
  checkAborted(signal);

  for (let p = 0; p < n; p++) if (airways.mask[p]) airIn[p] = 0;
  const lungs = segmentLungs(airIn, hu, grid, midX);
  if (!lungs.components.length) warnings.push('no aerated lung found');
  if (lungs.split === 'midline') warnings.push('right and left lungs separated at the body midline (erosion did not separate them)');
  const lungsMs = lap();
  checkAborted(signal);

  const envelope = lungEnvelopes(lungs.side, body, airways.mask, grid, midX);
  const aerated = new Uint8Array(n);
  for (let p = 0; p < n; p++) aerated[p] = lungs.side[p] ? 1 : 0;
  const envelopeMs = lap();
  checkAborted(signal);

  const candidates = findCandidates({
    dims: grid.dims,
    spacing: grid.spacing,
    envelope,
    aerated,
    solidCore: outs.solid_core,
    blobness: outs.blobness,
    blobScale: outs.blob_scale,
  });
  const original: OriginalGrid = {
    scalars: volume.scalars,
    dims: volume.dims,
    spacing: volume.spacing,
    grid,
    wi: nearestWorkingIndex(grid, 0),
    wj: nearestWorkingIndex(grid, 1),
    wk: nearestWorkingIndex(grid, 2),
    envelope,
    aerated,
    claimed: new Uint8Array(volume.scalars.length),
  };
  const { findings, reports } = detectFindings(original, candidates, signal);
  // All the tissue a finding grew over (its hilar end slices included) stays explained tissue.
  const findingWorking = findings.map((f) => toWorking(original, f.refined.voxels));
  const inFinding = new Uint8Array(n);
  for (const v of findingWorking) for (const p of v) inFinding[p] = 1;
  const airless = findAirlessLung({ hu, lungSide: lungs.side, envelope, body, airways: airways.mask, solidCore: outs.solid_core, inFinding, grid, midX });
  const findingsMs = lap();
  checkAborted(signal);

  // Regions.
  const extents = lungExtents(lungs.side, grid);
  for (const side of ['right', 'left'] as const) {
    if (extents[side]?.truncated) warnings.push(`the ${side} lung reaches the edge of the scan: its zones are thirds of the visible part`);
  }
  const wz = worldAxis(grid, 2);
  const wx = worldAxis(grid, 0);
  const sliceZ = (k: number) => evalLinear(wz, 0, 0, k);
  const ctx: RegionContext = { volume, volumeId: options.volumeId ?? null, runId: options.runId ?? null, idPrefix: options.runId ?? 'chest-ct' };
  const regions: Region[] = [];

  const [bodyMask] = masksFromWorkingLabels(body, grid, volume.scalars, 1, (l) => (l ? 0 : -1));
  if (bodyMask) {
    regions.push(buildRegion(ctx, { key: 'body', label: 'body', kind: 'anatomy', code: SCT.body, laterality: null, zone: null, diameterMm: null, confidence: 0.95 }, bodyMask));
  }
  const lungMasks = masksFromWorkingLabels(envelope, grid, volume.scalars, 2, (l) => (l === RIGHT ? 0 : l === LEFT ? 1 : -1));
  const sides = [
    { name: 'right' as const, label: RIGHT, code: SCT.rightLung, slot: 0 },
    { name: 'left' as const, label: LEFT, code: SCT.leftLung, slot: 1 },
  ];
  for (const s of sides) {
    const m = lungMasks[s.slot];
    if (m) {
      regions.push(buildRegion(ctx, { key: `lung-${s.name}`, label: `${s.name} lung`, kind: 'anatomy', code: s.code, laterality: s.name, zone: null, diameterMm: null, confidence: 0.9 }, m));
    }
  }
  // Zones: slot = side * 3 + zone index, by the slice's z.
  const zoneOfSlice = (side: 'right' | 'left', k: number): number => {
    const e = extents[side];
    return e ? ZONES.indexOf(zoneAt(e, sliceZ(k))) : -1;
  };
  const zoneMasks = masksFromWorkingLabels(envelope, grid, volume.scalars, 6, (l, k) => {
    if (l === RIGHT) return zoneOfSlice('right', k);
    if (l === LEFT) {
      const z = zoneOfSlice('left', k);
      return z < 0 ? -1 : 3 + z;
    }
    return -1;
  });
  zoneMasks.forEach((m, slot) => {
    if (!m) return;
    const side = slot < 3 ? 'right' : 'left';
    const zone = ZONES[slot % 3]!;
    regions.push(
      buildRegion(ctx, { key: `zone-${side}-${zone}`, label: `${side} ${zone} lung zone`, kind: 'anatomy', code: null, laterality: side, zone, diameterMm: null, confidence: 0.8 }, m),
    );
  });
  // Airways: trachea (1), main bronchi (2) split by the midline.
  if (airways.found) {
    const aw = new Uint8Array(n);
    for (let p = 0; p < n; p++) {
      const a = airways.mask[p];
      if (!a) continue;
      if (a === 1) {
        aw[p] = 1;
        continue;
      }
      const i = p % mx;
      const j = Math.floor(p / mx) % my;
      const k = Math.floor(p / (mx * my));
      aw[p] = evalLinear(wx, i, j, k) > midX[k]! ? 3 : 2;
    }
    const awMasks = masksFromWorkingLabels(aw, grid, volume.scalars, 3, (l) => l - 1);
    const names: [string, string, Laterality, typeof SCT.trachea | null][] = [
      ['trachea', 'trachea', 'midline', SCT.trachea],
      ['bronchus-right', 'right main bronchus', 'right', null],
      ['bronchus-left', 'left main bronchus', 'left', null],
    ];
    awMasks.forEach((m, slot) => {
      if (!m) return;
      const [key, label, laterality, code] = names[slot]!;
      regions.push(buildRegion(ctx, { key, label, kind: 'anatomy', code, laterality, zone: null, diameterMm: null, confidence: 0.8 }, m));
    });
  }
  // Findings, largest first.
  findings.sort((a, b) => b.features.volumeMl - a.features.volumeMl);
  findings.forEach((f, idx) => {
    const m = maskFromVoxels(f.voxels, volume.dims, volume.scalars);
    if (!m) return;
    const w = indexToWorld(volume, m.centroidIndex);
    const wk = original.wk[Math.min(volume.dims[2] - 1, Math.max(0, Math.round(m.centroidIndex[2])))]!;
    const side = w[0] > midX[wk]! ? 'left' : 'right';
    const e: LungExtent | null = extents[side] ?? extents[side === 'left' ? 'right' : 'left'];
    regions.push(
      buildRegion(
        ctx,
        {
          key: `finding-${idx + 1}`,
          label: f.decision.label,
          kind: 'finding',
          code: f.decision.label === 'mass' ? SCT.mass : SCT.nodule,
          laterality: side,
          zone: e ? zoneAt(e, w[2]) : null,
          diameterMm: f.features.diameterMm,
          confidence: f.decision.confidence,
        },
        m,
      ),
    );
  });
  // Airless lung (consolidation or atelectasis), largest first.
  if (airless.length) {
    const labels = new Uint8Array(n);
    airless.forEach((a, idx) => {
      for (const p of a.voxels) labels[p] = idx + 1;
    });
    const masks = masksFromWorkingLabels(labels, grid, volume.scalars, airless.length, (l) => l - 1);
    airless.forEach((a, idx) => {
      const m = masks[idx];
      if (!m) return;
      const w = indexToWorld(volume, m.centroidIndex);
      const e: LungExtent | null = extents[a.side] ?? extents[a.side === 'left' ? 'right' : 'left'];
      regions.push(
        buildRegion(
          ctx,
          { key: `airless-${idx + 1}`, label: AIRLESS_LABEL, kind: 'finding', code: null, laterality: a.side, zone: e ? zoneAt(e, w[2]) : null, diameterMm: null, confidence: a.confidence },
          m,
        ),
      );
    });
  }
  const assessment = assessLungs({
    lungs: lungMeasures(lungs.side, envelope, outs.solid_core, [...findingWorking, ...airless.map((a) => a.voxels)], extents, grid.spacing),
    findings: regions.filter((r) => r.kind === 'finding'),
    unresolved: unresolvedCandidates(reports, volume, midX, original, extents),
  });
  const asymmetry = asymmetryFinding(assessment, { right: lungMasks[0], left: lungMasks[1] });
  if (asymmetry) regions.push(buildRegion(ctx, asymmetry.spec, asymmetry.stats));
  const regionsMs = lap();

  const result: ChestCtAnalysis = {
    regions,
    timings: { resampleMs, graphMs, bodyAirwaysMs, lungsMs, envelopeMs, findingsMs, regionsMs, totalMs: Math.round(performance.now() - t0) },
    warnings,
    assessment,
    workingGrid: { dims: grid.dims, spacing: grid.spacing },
  };
  if (options.diagnostics) result.diagnostics = { candidates: reports, lungSplit: lungs.split, carinaFound: airways.carinaK !== null, airless };
  return result;
}

/** Per side: envelope, aerated and unexplained airless (solid core, not in a finding or airless-lung region) volumes, mL. */
function lungMeasures(
  side: Uint8Array,
  envelope: Uint8Array,
  solidCore: Uint8Array,
  findingVoxels: Int32Array[],
  extents: Record<'right' | 'left', LungExtent | null>,
  spacing: Vec3,
): LungMeasures[] {
  const inFinding = new Uint8Array(envelope.length);
  for (const v of findingVoxels) for (const p of v) inFinding[p] = 1;
  const counts = { [RIGHT]: { env: 0, air: 0, dense: 0 }, [LEFT]: { env: 0, air: 0, dense: 0 } } as Record<number, { env: number; air: number; dense: number }>;
  for (let p = 0; p < envelope.length; p++) {
    const e = envelope[p];
    if (e) {
      const c = counts[e]!;
      c.env++;
      if (!side[p] && solidCore[p] && !inFinding[p]) c.dense++;
    }
    const s = side[p];
    if (s) counts[s]!.air++;
  }
  const ml = (spacing[0] * spacing[1] * spacing[2]) / 1000;
  return (['right', 'left'] as const).map((name) => {
    const c = counts[name === 'right' ? RIGHT : LEFT]!;
    return { side: name, envelopeMl: c.env * ml, aeratedMl: c.air * ml, denseMl: c.dense * ml, extent: extents[name] };
  });
}

/** Rejected candidates that missed being a finding by a small margin of one rule (finding-rules.ts isNearMiss). */
function unresolvedCandidates(
  reports: CandidateReport[],
  volume: Volume,
  midX: Float64Array,
  original: OriginalGrid,
  extents: Record<'right' | 'left', LungExtent | null>,
): { diameterMm: number; laterality: 'right' | 'left'; zone: string | null; reason: string }[] {
  const out: { diameterMm: number; laterality: 'right' | 'left'; zone: string | null; reason: string }[] = [];
  for (const r of reports) {
    if (r.accepted || !r.features || !r.reason || !isNearMiss(r.features)) continue;
    const w = indexToWorld(volume, r.seedIndex);
    const side = w[0] > midX[original.wk[r.seedIndex[2]] ?? 0]! ? 'left' : 'right';
    const e = extents[side];
    out.push({ diameterMm: r.features.diameterMm, laterality: side, zone: e ? zoneAt(e, w[2]) : null, reason: r.reason });
  }
  return out;
}

/**
 * Lung volume asymmetry beyond the assessment's limit, as a finding of its own: the smaller lung's
 * region, so a sentence about it can be grounded and lit. Confidence grows with the asymmetry
 * (0.5 at the limit, 0.95 at twice the limit).
 */
function asymmetryFinding(assessment: LungAssessment, lungStats: Record<'right' | 'left', MaskStats | null | undefined>): { spec: RegionSpec; stats: MaskStats } | null {
  const check = assessment.checks.find((c) => c.id === 'lungs-symmetric');
  const { right, left } = assessment.lungs;
  if (!check || check.passed || !right || !left || assessment.volumeAsymmetry === null) return null;
  const side = right.aeratedMl < left.aeratedMl ? 'right' : 'left';
  const stats = lungStats[side];
  if (!stats) return null;
  const over = assessment.volumeAsymmetry / MAX_ASYMMETRY - 1;
  return {
    spec: {
      key: 'lung-volume-asymmetry',
      label: 'lung volume asymmetry',
      kind: 'finding',
      code: null,
      laterality: side,
      zone: null,
      diameterMm: null,
      confidence: Math.round(Math.min(0.95, 0.5 + 0.45 * over) * 1000) / 1000,
    },
    stats,
  };
}
