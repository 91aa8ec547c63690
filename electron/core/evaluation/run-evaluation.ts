/**
 * `radground eval`: every case of a manifest in turn (one volume in memory at a time), the summary,
 * the run stored per model version (evaluation-store.ts), and optionally the key-image page.
 * A case that fails (missing file, corrupt annotation...) is recorded with its typed error and the
 * others still run.
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_MODEL_ID } from '../analysis/analyze-volume';
import { toErrorInfo } from '../errors/radground-error';
import type { Logger } from '../logging/logger';
import { evaluateCase, type CaseResult, type EvaluationDeps, type FailedCase } from './evaluate-case';
import { saveEvaluation } from './evaluation-store';
import { evaluationHtml } from './html-report';
import { caseKeyImages, type CaseKeyImage } from './key-images';
import { loadManifest } from './manifest';
import { summarize, type EvaluationSummary } from './summarize';

export interface RunEvaluationOptions {
  modelId?: string;
  /** Write the key-image page here. */
  htmlPath?: string | null;
  logger?: Logger;
}

export interface EvaluationRun {
  id: string;
  manifestPath: string;
  summary: EvaluationSummary;
  cases: (CaseResult | FailedCase)[];
  htmlPath: string | null;
}

export async function runEvaluation(deps: EvaluationDeps, manifestPath: string, options: RunEvaluationOptions = {}): Promise<EvaluationRun> {
  const manifest = loadManifest(manifestPath);
  const modelId = options.modelId ?? DEFAULT_MODEL_ID;
  const startedAt = new Date().toISOString();
  const cases: (CaseResult | FailedCase)[] = [];
  const images: CaseKeyImage[] = [];
  for (const c of manifest.cases) {
    const started = performance.now();
    try {
      const { result, artifacts } = await evaluateCase(deps, c, modelId);
      cases.push(result);
      if (options.htmlPath) images.push(...caseKeyImages(result, artifacts));
      options.logger?.info('evaluation case done', { caseId: c.id, lesions: result.lesions.length, falsePositives: result.falsePositives.length, evalMs: result.timings.evalMs });
    } catch (e) {
      const error = toErrorInfo(e);
      cases.push({ id: c.id, path: c.path, status: 'failed', error, timings: { evalMs: Math.round(performance.now() - started) } });
      options.logger?.warn('evaluation case failed', { caseId: c.id, code: error.code, message: error.message });
    }
  }
  const summary = summarize(cases);
  const model = summary.model ?? { id: modelId, version: 'unknown', sha256: 'unknown', executionProvider: 'none' };
  const id = saveEvaluation(deps.db, {
    manifestPath: manifest.path,
    model: { id: model.id, version: model.version, sha256: model.sha256, executionProvider: model.executionProvider },
    startedAt,
    finishedAt: new Date().toISOString(),
    summary,
    cases,
  });
  if (options.htmlPath) writeFileSync(options.htmlPath, evaluationHtml({ manifestPath: manifest.path, summary, cases, images }));
  return { id, manifestPath: manifest.path, summary, cases, htmlPath: options.htmlPath ?? null };
}
