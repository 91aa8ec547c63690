/**
 * Evaluation overhead: per shared case (test/eval/shared-cases.json), the whole eval of the case
 * (load, annotations, analysis, draft, scoring) against the analysis as the app counts it (volume
 * load + analyzeLoadedVolume): medians of a few runs after a warm-up, printed as a ratio.
 * Target: eval <= 1.1 x analysis per case.
 *
 *   npx tsx test/bench/eval.bench.ts [runs]
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateCase, loadManifest } from '../../electron/core/evaluation';
import { median } from '../../electron/shared/math/median';
import { NO_SHARED_DATA_REASON, projectRoot, requireSharedData } from '../support/shared-data';
import { createTestCore } from '../support/test-core';

const hasData = requireSharedData();

const TARGET = 1.1;

export async function runEvalBench(runs = 3): Promise<void> {
  if (!hasData) {
    process.stdout.write(`skipped: ${NO_SHARED_DATA_REASON}\n`);
    return;
  }
  const manifest = loadManifest(join(projectRoot, 'test', 'eval', 'shared-cases.json'));
  const t = await createTestCore();
  const deps = { db: t.core.db, worker: t.core.inference, modelRoots: t.core.modelRoots };
  try {
    let worst = 0;
    for (const c of manifest.cases) {
      await evaluateCase(deps, c, 'chest-ct'); // warm-up (session, JIT, file cache)
      const evalMs: number[] = [];
      const analysisMs: number[] = [];
      for (let r = 0; r < runs; r++) {
        const { result } = await evaluateCase(deps, c, 'chest-ct');
        evalMs.push(result.timings.evalMs);
        analysisMs.push(result.timings.analysisMs);
      }
      const ratio = median(evalMs) / median(analysisMs);
      worst = Math.max(worst, ratio);
      process.stdout.write(`${c.id.padEnd(30)} eval ${String(median(evalMs)).padStart(6)} ms, analysis ${String(median(analysisMs)).padStart(6)} ms, ratio ${ratio.toFixed(3)}\n`);
    }
    process.stdout.write(`worst ratio eval / analysis: ${worst.toFixed(3)} (target <= ${TARGET}: ${worst <= TARGET ? 'met' : 'NOT met'})\n`);
  } finally {
    await t.dispose();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await runEvalBench(Number(process.argv[2] ?? 3));
}
