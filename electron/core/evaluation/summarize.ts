/**
 * The evaluation summary over cases: sensitivity for counted lesions of >= 3, >= 10 and >= 30 mm
 * (found / total), false positives per scan (per evaluated case), laterality accuracy (found
 * counted lesions whose matched finding names the lesion's side), unsafe statements, lung Dice per
 * case with a lung mask, the model, and timings.
 */
import type { AnalysisResult } from '../analysis/analyze-volume';
import type { CaseResult, FailedCase } from './evaluate-case';

export const SIZE_THRESHOLDS_MM = [3, 10, 30] as const;

export interface Rate {
  found: number;
  total: number;
  /** found / total; null when there is nothing to find. */
  rate: number | null;
}

export interface EvaluationSummary {
  cases: number;
  failedCases: string[];
  sensitivity: Record<'ge3mm' | 'ge10mm' | 'ge30mm', Rate>;
  falsePositives: number;
  falsePositivesPerScan: number | null;
  laterality: { correct: number; total: number; accuracy: number | null };
  unsafeStatements: number;
  lungDice: { caseId: string; right: number; left: number; both: number }[];
  model: AnalysisResult['model'] | null;
  timings: { analysisMs: number; evalMs: number; evalToAnalysis: number | null };
}

const rate = (found: number, total: number): Rate => ({ found, total, rate: total > 0 ? Math.round((found / total) * 1000) / 1000 : null });

export function summarize(cases: readonly (CaseResult | FailedCase)[]): EvaluationSummary {
  const ok = cases.filter((c): c is CaseResult => c.status === 'ok');
  const counted = ok.flatMap((c) => c.lesions.filter((l) => l.counted));
  const sens = (mm: number) => {
    const of = counted.filter((l) => l.sizeMm >= mm);
    return rate(of.filter((l) => l.found).length, of.length);
  };
  const found = counted.filter((l) => l.found);
  const correct = found.filter((l) => l.lateralityCorrect).length;
  const fps = ok.reduce((n, c) => n + c.falsePositives.length, 0);
  const analysisMs = ok.reduce((n, c) => n + c.timings.analysisMs, 0);
  const evalMs = ok.reduce((n, c) => n + c.timings.evalMs, 0);
  return {
    cases: cases.length,
    failedCases: cases.filter((c) => c.status === 'failed').map((c) => c.id),
    sensitivity: { ge3mm: sens(SIZE_THRESHOLDS_MM[0]), ge10mm: sens(SIZE_THRESHOLDS_MM[1]), ge30mm: sens(SIZE_THRESHOLDS_MM[2]) },
    falsePositives: fps,
    falsePositivesPerScan: ok.length > 0 ? Math.round((fps / ok.length) * 1000) / 1000 : null,
    laterality: { correct, total: found.length, accuracy: found.length > 0 ? Math.round((correct / found.length) * 1000) / 1000 : null },
    unsafeStatements: ok.reduce((n, c) => n + c.unsafeStatements.length, 0),
    lungDice: ok.filter((c) => c.lungDice).map((c) => ({ caseId: c.id, ...c.lungDice! })),
    model: ok[0]?.model ?? null,
    timings: { analysisMs, evalMs, evalToAnalysis: analysisMs > 0 ? Math.round((evalMs / analysisMs) * 1000) / 1000 : null },
  };
}
