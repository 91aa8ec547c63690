/**
 * Issue 9's accuracy bar, on the shared annotated cases (test/eval/shared-cases.json, the manifest
 * `npm run eval` runs): every lesion of >= 10 mm outlined by >= 2 readers (or the single annotator of
 * a box set) is found on the right side; at most one false positive per scan on average; no unsafe
 * statement in the drafts; lung Dice >= 0.9 where a lung mask exists. Real data, real pipeline,
 * deterministic; nothing here is tuned to these cases.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEvaluation, type CaseResult, type EvaluationRun } from '../../../electron/core/evaluation';
import { NO_SHARED_DATA_REASON, projectRoot, requireSharedData } from '../../support/shared-data';
import { createTestCore } from '../../support/test-core';

const hasData = requireSharedData();

describe.skipIf(!hasData)('evaluation on the shared cases (A0001, LIDC-IDRI-0001, LIDC-IDRI-0003, TotalSegmentator lungs)', () => {
  if (!hasData) it.skip(NO_SHARED_DATA_REASON, () => {});
  let run: EvaluationRun;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    const t = await createTestCore();
    dispose = t.dispose;
    run = await runEvaluation({ db: t.core.db, worker: t.core.inference, modelRoots: t.core.modelRoots }, join(projectRoot, 'test', 'eval', 'shared-cases.json'));
    for (const c of run.cases) {
      if (c.status !== 'ok') {
        console.info(`${c.id}: FAILED ${c.error.code} ${c.error.message}`);
        continue;
      }
      console.info(
        `${c.id}: lesions ${c.lesions.map((l) => `${l.id} ${l.side} ${l.sizeMm} mm x${l.readers}${l.counted ? '' : ' (uncounted)'} ${l.found ? `found as ${l.matchedRegion!.label} ${l.matchedRegion!.laterality}` : 'MISSED'}`).join('; ') || 'none'}` +
          ` | FP ${c.falsePositives.map((f) => `${f.label} ${f.laterality} ${f.diameterMm} mm`).join(', ') || 'none'}` +
          ` | unsafe ${c.unsafeStatements.map((u) => u.text).join(' / ') || 'none'} | Dice ${JSON.stringify(c.lungDice)} | ${JSON.stringify(c.timings)}`,
      );
    }
    console.info(`summary: ${JSON.stringify(run.summary)}`);
  }, 600_000);
  afterAll(async () => dispose?.());

  const ok = () => run.cases.filter((c): c is CaseResult => c.status === 'ok');

  it('every case ran', () => {
    expect(run.summary.failedCases).toEqual([]);
    expect(ok()).toHaveLength(4);
  });

  it('every counted lesion of >= 10 mm is found, on the correct side', () => {
    const large = ok().flatMap((c) => c.lesions.filter((l) => l.counted && l.sizeMm >= 10).map((l) => ({ case: c.id, ...l })));
    expect(large.length).toBeGreaterThanOrEqual(5);
    expect(large.filter((l) => !l.found).map((l) => `${l.case} ${l.id} ${l.side} ${l.sizeMm} mm`)).toEqual([]);
    expect(large.filter((l) => !l.lateralityCorrect).map((l) => `${l.case} ${l.id}: lesion ${l.side}, finding ${l.matchedRegion?.laterality}`)).toEqual([]);
  });

  it('at most one false positive per scan on average', () => {
    expect(run.summary.falsePositivesPerScan!).toBeLessThanOrEqual(1);
  });

  it('no unsafe statement (normal or negative sentence over a lesion of >= 10 mm)', () => {
    expect(ok().flatMap((c) => c.unsafeStatements.map((u) => `${c.id}: ${u.text}`))).toEqual([]);
  });

  it('lung Dice >= 0.9 where a lung mask exists', () => {
    expect(run.summary.lungDice.length).toBeGreaterThanOrEqual(1);
    for (const d of run.summary.lungDice) expect(d.both, d.caseId).toBeGreaterThanOrEqual(0.9);
  });
});
