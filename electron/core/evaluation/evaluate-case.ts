/**
 * One evaluation case, as the app does it: load the volume, run the analysis through the real
 * pipeline (analyzeLoadedVolume: model pack, inference worker, region post-processing, the run
 * recorded in model_runs), draft the report (draftReport with the analysis's regions and lung
 * assessment, the slices' DICOM headers, no prior), then score it against the reference
 * (read-annotations.ts) with the rules of matching.ts, lung-dice.ts and unsafe-statements.ts.
 */
import { analyzeLoadedVolume, type AnalysisDeps, type AnalysisResult } from '../analysis/analyze-volume';
import type { Vec3 } from '../geometry/vec3';
import type { Region } from '../regions/region';
import { draftReport } from '../reports/drafting/draft-report';
import { sliceLocatorFromHeaders } from '../reports/drafting/slice-locator';
import type { Volume } from '../volume-assembly/volume';
import { bodyMidlineX } from './body-midline';
import { loadCaseVolume } from './load-case-volume';
import { lungDice, type LungDice } from './lung-dice';
import type { EvalCase } from './manifest';
import { isLesionFinding, matchesAnyLesion, matchLesion } from './matching';
import { readCaseReference } from './read-annotations';
import type { ReferenceLesion } from './reference-lesions';
import { unsafeStatements, type UnsafeStatement } from './unsafe-statements';

export type EvaluationDeps = Omit<AnalysisDeps, 'volumes'>;

export interface LesionResult {
  id: string;
  source: string;
  readers: number;
  /** Enough readers (minReaders) to be scored; uncounted lesions only excuse findings. */
  counted: boolean;
  side: 'left' | 'right';
  sizeMm: number;
  slices: { first: number; last: number; count: number };
  centre: Vec3;
  found: boolean;
  /** How the match was made: the finding's mask holds the centre, or the boxes overlap (IoU). */
  matchedBy: 'centre' | 'iou' | null;
  iou: number | null;
  lateralityCorrect: boolean | null;
  matchedRegion: { id: string; label: string; laterality: string | null; diameterMm: number | null } | null;
}

export interface FindingResult {
  id: string;
  label: string;
  laterality: string | null;
  zone: string | null;
  diameterMm: number | null;
  confidence: number;
  centroid: Vec3;
}

export interface CaseResult {
  id: string;
  path: string;
  status: 'ok';
  dims: Vec3;
  spacing: Vec3;
  midlineX: number;
  analysisRunId: string;
  model: AnalysisResult['model'];
  lesions: LesionResult[];
  /** Lesion-type findings that match no annotated lesion. */
  falsePositives: FindingResult[];
  /** Findings that are not lesion claims (e.g. lung volume asymmetry): listed, never counted. */
  otherFindings: FindingResult[];
  lungDice: LungDice | null;
  unsafeStatements: UnsafeStatement[];
  draft: { section: string; text: string }[];
  warnings: string[];
  notes: string[];
  /**
   * loadMs: reading the volume; analysisMs: loading plus the analysis, as the app's analyzeVolume
   * counts it; evalMs: the whole case (load, annotations, analysis, draft, scoring).
   */
  timings: { loadMs: number; analysisMs: number; evalMs: number };
}

export interface FailedCase {
  id: string;
  path: string;
  status: 'failed';
  error: { code: string; message: string };
  timings: { evalMs: number };
}

/** What a key-image page needs of a case (kept only while the page is made). */
export interface CaseArtifacts {
  volume: Volume;
  regions: Region[];
  lesions: ReferenceLesion[];
}

function findingResult(r: Region): FindingResult {
  return { id: r.id, label: r.label, laterality: r.laterality, zone: r.zone, diameterMm: r.diameterMm, confidence: r.confidence, centroid: r.centroid };
}

export async function evaluateCase(deps: EvaluationDeps, evalCase: EvalCase, modelId: string): Promise<{ result: CaseResult; artifacts: CaseArtifacts }> {
  const started = performance.now();
  const { volume, headers } = await loadCaseVolume(evalCase.path);
  const loadMs = performance.now() - started;
  const midlineX = bodyMidlineX(volume);
  const reference = await readCaseReference(evalCase.annotations, volume, midlineX);
  const analysis = await analyzeLoadedVolume(deps, volume, null, modelId);
  const drafted = draftReport({
    study: { studyInstanceUid: headers[0]?.studyInstanceUid ?? evalCase.id },
    seriesHeaders: headers,
    regions: analysis.regions,
    assessment: analysis.assessment,
    prior: null,
    locate: headers.length > 0 ? sliceLocatorFromHeaders(headers) : null,
  });
  const draft = drafted.sections.flatMap((s) => s.sentences.map((x) => ({ section: s.name, text: x.text })));

  const findings = analysis.regions.filter((r) => r.kind === 'finding');
  const lesionFindings = findings.filter(isLesionFinding);
  const lesions: LesionResult[] = reference.lesions.map((l) => {
    const match = matchLesion(l, lesionFindings, volume);
    return {
      id: l.id,
      source: l.source,
      readers: l.readers,
      counted: l.counted,
      side: l.side,
      sizeMm: l.sizeMm,
      slices: l.slices,
      centre: l.centre.map((v) => Math.round(v * 10) / 10) as Vec3,
      found: match !== null,
      matchedBy: match ? (match.centreInMask ? 'centre' : 'iou') : null,
      iou: match ? Math.round(match.iou * 1000) / 1000 : null,
      lateralityCorrect: match ? match.region.laterality === l.side : null,
      matchedRegion: match ? { id: match.region.id, label: match.region.label, laterality: match.region.laterality, diameterMm: match.region.diameterMm } : null,
    };
  });
  const result: CaseResult = {
    id: evalCase.id,
    path: evalCase.path,
    status: 'ok',
    dims: volume.dims,
    spacing: volume.spacing,
    midlineX: Math.round(midlineX * 10) / 10,
    analysisRunId: analysis.runId,
    model: analysis.model,
    lesions,
    falsePositives: lesionFindings.filter((f) => !matchesAnyLesion(f, reference.lesions, volume)).map(findingResult),
    otherFindings: findings.filter((f) => !isLesionFinding(f)).map(findingResult),
    lungDice: reference.lungs ? lungDice(analysis.regions, reference.lungs, volume.dims) : null,
    unsafeStatements: unsafeStatements(draft, reference.lesions),
    draft,
    warnings: analysis.warnings,
    notes: reference.notes,
    timings: { loadMs: Math.round(loadMs), analysisMs: Math.round(loadMs) + (analysis.timings.totalMs ?? 0), evalMs: Math.round(performance.now() - started) },
  };
  return { result, artifacts: { volume, regions: analysis.regions, lesions: reference.lesions } };
}
