/**
 * R1 (issue 15): mutated DICOM (bit flips, overwrites, truncation, bogus lengths, huge
 * Rows/Columns/frames/bits, wrong transfer syntaxes, deflate bombs; native, JPEG baseline and
 * JPEG 2000 seeds) and mutated NIfTI (header fields, flips, truncation, gzip bombs, broken gzip)
 * through the real readers, in a child process with a 10 s watchdog: 0 crashes, 0 hangs, every
 * rejection typed, peak memory bounded. Deterministic seeds; RADGROUND_SOAK_SCALE multiplies the counts.
 */
import { describe, expect, it } from 'vitest';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';
import { runFuzz, soakScale, type FuzzReport } from './support/fuzz-runner';

const hasData = requireSharedData();

const MAX_RSS_MIB = 1536;

function summary(r: FuzzReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of r.cases) out[c.outcome.startsWith('untyped') ? 'untyped' : c.outcome] = (out[c.outcome.startsWith('untyped') ? 'untyped' : c.outcome] ?? 0) + 1;
  return out;
}

/** Counts, crashes, hangs, the slowest case (its kind and outcome) and peak memory, for the log and the soak's figures. */
function figures(r: FuzzReport): string {
  const slowest = r.cases.reduce((a, c) => (c.ms > a.ms ? c : a), r.cases[0]!);
  const kinds: Record<string, number> = {};
  for (const c of r.cases) if (c.kind === slowest.kind) kinds[c.outcome] = (kinds[c.outcome] ?? 0) + 1;
  return (
    `crashes ${r.crashes.length}, hangs ${r.hangs.length}, slowest case ${slowest.ms} ms (#${slowest.i} ${slowest.kind}, seed ${slowest.seed}, ${slowest.outcome}), ` +
    `peak RSS ${r.maxRssMiB} MiB, ${slowest.kind} outcomes ${JSON.stringify(kinds)}`
  );
}

function expectClean(r: FuzzReport, count: number): void {
  expect(r.crashes).toEqual([]);
  expect(r.hangs).toEqual([]);
  expect(r.cases.filter((c) => c.outcome.startsWith('untyped'))).toEqual([]);
  expect(r.cases).toHaveLength(count);
  expect(r.maxRssMiB).toBeLessThan(MAX_RSS_MIB);
  // Every mutation kind was exercised, and most cases were refused (the mutations bite).
  expect(r.cases.filter((c) => c.outcome.startsWith('typed:')).length).toBeGreaterThan(count / 3);
}

describe.skipIf(!hasData)(`R1 fuzzing (${hasData ? 'seeds from the shared data' : NO_SHARED_DATA_REASON})`, () => {
  it(`${2000 * soakScale()} mutated DICOM files`, async () => {
    const count = 2000 * soakScale();
    const r = await runFuzz('dicom', 15, count, [
      sharedData('ct', 'chest_lung_pet_ct_dx_A0001', '1-01.dcm'),
      sharedData('ct', 'upper_abdomen_j2k', 'CT.1.3.12.2.1107.5.1.4.60064.30000022120808113428000016573'),
      sharedData('cxr', 'siim_CR_jpegbaseline.dcm'),
    ]);
    console.log('R1 DICOM', count, JSON.stringify(summary(r)), figures(r));
    expectClean(r, count);
    expect(new Set(r.cases.map((c) => c.kind)).size).toBe(7);
  }, 900_000 * soakScale());

  it(`${300 * soakScale()} mutated NIfTI files, gzip bombs included`, async () => {
    const count = 300 * soakScale();
    const r = await runFuzz('nifti', 15, count, [
      sharedData('nifti', 'totalseg_ct_upperabdomen_3mm_small.nii.gz'),
      sharedData('nifti', 'totalseg_ct_chest_cta_crop_1.5mm.nii.gz'),
      sharedData('nifti', 'ct_perfusion_cbf_rgb24.nii.gz'),
    ]);
    console.log('R1 NIfTI', count, JSON.stringify(summary(r)), figures(r));
    expectClean(r, count);
    expect(r.cases.some((c) => c.kind === 'gzipBomb')).toBe(true);
  }, 600_000 * soakScale());
});
