/**
 * chest-ct on the real A0001 chest CT (512 x 512 x 64, 0.84 mm pixels, 5 mm slices) with its
 * annotated left upper lobe adenocarcinoma (Pascal VOC boxes on 11 slices, drawn by the collection's
 * annotators; they are only compared with, never used by, the analysis).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChestCtAnalysis } from '../../../electron/core/analysis/chest-ct';
import type { Volume } from '../../../electron/core/volume-assembly/volume';
import { NO_SHARED_DATA_REASON, requireSharedData } from '../../support/shared-data';
import { a0001Annotations, boxIou, decodeMask, loadDicomSeries, runChestCt, sliceBox, type AnnotatedSlice } from './support/chest-ct';

const hasData = requireSharedData();

const byLabel = (res: ChestCtAnalysis, label: string) => res.regions.find((r) => r.label === label);

describe.skipIf(!hasData)('chest-ct on A0001 (real chest CT, left upper lobe adenocarcinoma)', () => {
  if (!hasData) it.skip(NO_SHARED_DATA_REASON, () => {});

  let volume: Volume;
  let res: ChestCtAnalysis;
  let annotations: AnnotatedSlice[];

  beforeAll(async () => {
    volume = await loadDicomSeries('ct/chest_lung_pet_ct_dx_A0001');
    annotations = a0001Annotations(volume);
    res = await runChestCt(volume, { volumeId: 'vol-a0001', runId: 'run-test' });
    const findings = res.regions.filter((r) => r.kind === 'finding');
    // Reported for the record (vitest prints console output of failing and passing tests with --reporter verbose).
    console.info(
      `A0001: ${res.timings.totalMs} ms (${JSON.stringify(res.timings)}); ` +
        res.regions.map((r) => `${r.label}${r.zone ? `/${r.zone}` : ''} ${r.volumeMl} mL${r.diameterMm ? ` ${r.diameterMm} mm` : ''}`).join('; '),
    );
    console.info(`A0001 findings: ${findings.length}: ${findings.map((f) => `${f.label} ${f.laterality} ${f.zone} ${f.diameterMm} mm at ${f.centroid.join(', ')}`).join('; ')}`);
  });

  it('finds a finding in the LEFT lung, upper zone, that overlaps the annotated tumour boxes (IoU >= 0.3 on >= 6 of 11 slices)', () => {
    expect(annotations).toHaveLength(11);
    const candidates = res.regions.filter((r) => r.kind === 'finding' && r.laterality === 'left' && r.zone === 'upper');
    expect(candidates.length).toBeGreaterThanOrEqual(1);
    const scored = candidates.map((f) => ({
      f,
      ious: annotations.map((a) => {
        const b = sliceBox(f.mask!, a.k);
        return b ? boxIou(b, a.box) : 0;
      }),
    }));
    scored.sort((a, b) => b.ious.filter((x) => x >= 0.3).length - a.ious.filter((x) => x >= 0.3).length);
    const best = scored[0]!;
    console.info(`A0001 per-slice IoU (k: iou): ${annotations.map((a, n) => `${a.k}: ${best.ious[n]!.toFixed(2)}`).join(', ')}`);
    expect(best.ious.filter((x) => x >= 0.3).length).toBeGreaterThanOrEqual(6);
    // It is a mass (the boxes are 30-70 mm across).
    expect(best.f.label).toBe('mass');
    expect(best.f.code?.value).toBe('309529002');
    expect(best.f.diameterMm!).toBeGreaterThanOrEqual(30);
    expect(best.f.meanHu!).toBeGreaterThan(-300);
    expect(best.f.confidence).toBeGreaterThan(0);
    expect(best.f.confidence).toBeLessThanOrEqual(1);
    // LPS: the patient's left is +x, so the finding lies at larger x than the body's centre.
    expect(best.f.centroid[0]).toBeGreaterThan(byLabel(res, 'body')!.centroid[0]);
  });

  it('keeps the mass region on the annotated slices, not on the hilum below them (first and last slice within one slice of the boxes)', () => {
    const mass = res.regions.find((r) => r.kind === 'finding' && r.label === 'mass' && r.laterality === 'left')!;
    expect(mass).toBeDefined();
    const ks = annotations.map((a) => a.k);
    const first = Math.min(...ks);
    const last = Math.max(...ks);
    console.info(`A0001 mass region slices ${mass.voxelBox.min[2]}-${mass.voxelBox.max[2]}, boxes on ${first}-${last}`);
    // Before the hilar trim the region ran from slice 35 (the left pulmonary artery beside the left
    // main bronchus, 30 mm below the boxes) to 52.
    expect(Math.abs(mass.voxelBox.min[2] - first)).toBeLessThanOrEqual(1);
    expect(Math.abs(mass.voxelBox.max[2] - last)).toBeLessThanOrEqual(1);
  });

  it('finds both lungs with adult volumes over the scanned range (the scan covers apex to bases)', () => {
    const right = byLabel(res, 'right lung')!;
    const left = byLabel(res, 'left lung')!;
    expect(right.code?.value).toBe('3341006');
    expect(left.code?.value).toBe('44029006');
    expect(right.laterality).toBe('right');
    expect(left.laterality).toBe('left');
    // Whole lungs are in the scan: neither reaches the first or last slice.
    expect(res.warnings.filter((w) => w.includes('edge of the scan'))).toEqual([]);
    expect(right.voxelBox.min[2]).toBeGreaterThan(0);
    expect(right.voxelBox.max[2]).toBeLessThan(63);
    // Adult lungs at inspiration, 1.5-4.5 L each; the right one is the larger.
    expect(right.volumeMl).toBeGreaterThan(1500);
    expect(right.volumeMl).toBeLessThan(4500);
    expect(left.volumeMl).toBeGreaterThan(1500);
    expect(left.volumeMl).toBeLessThan(4500);
    expect(right.volumeMl).toBeGreaterThan(left.volumeMl);
    // Right lung on the patient's right (smaller x), left on the left.
    expect(right.centroid[0]).toBeLessThan(left.centroid[0]);
  });

  it('reports lung zones that tile each lung, upper above lower', () => {
    for (const side of ['right', 'left'] as const) {
      const lung = byLabel(res, `${side} lung`)!;
      const zones = ['upper', 'middle', 'lower'].map((z) => byLabel(res, `${side} ${z} lung zone`)!);
      const sum = zones.reduce((a, z) => a + z.volumeMl, 0);
      expect(sum).toBeCloseTo(lung.volumeMl, 0);
      expect(zones[0]!.centroid[2]).toBeGreaterThan(zones[1]!.centroid[2]);
      expect(zones[1]!.centroid[2]).toBeGreaterThan(zones[2]!.centroid[2]);
      for (const z of zones) expect(z.laterality).toBe(side);
    }
  });

  it('finds the trachea and main bronchi', () => {
    const trachea = byLabel(res, 'trachea')!;
    expect(trachea).toBeDefined();
    expect(trachea.laterality).toBe('midline');
    expect(trachea.meanHu!).toBeLessThan(-800);
    expect(trachea.volumeMl).toBeGreaterThan(10);
    expect(trachea.volumeMl).toBeLessThan(60);
    expect(byLabel(res, 'right main bronchus')).toBeDefined();
    expect(byLabel(res, 'left main bronchus')).toBeDefined();
  });

  it('reports no finding outside the lungs, and few findings overall (vessels are not nodules)', () => {
    const lungs = decodeMask(byLabel(res, 'right lung')!.mask!);
    const left = decodeMask(byLabel(res, 'left lung')!.mask!);
    for (let p = 0; p < lungs.length; p++) lungs[p]! |= left[p]!;
    const findings = res.regions.filter((r) => r.kind === 'finding');
    for (const f of findings) {
      const m = decodeMask(f.mask!);
      let inside = 0, total = 0;
      for (let p = 0; p < m.length; p++) {
        if (!m[p]) continue;
        total++;
        if (lungs[p]) inside++;
      }
      expect(inside / total).toBe(1);
    }
    expect(findings.length).toBeLessThanOrEqual(3);
  });

  it('produces consistent Regions: grid, boxes, masks, volumes, ids', () => {
    const ids = new Set<string>();
    const voxelMl = (volume.spacing[0] * volume.spacing[1] * volume.spacing[2]) / 1000;
    for (const r of res.regions) {
      expect(ids.has(r.id)).toBe(false);
      ids.add(r.id);
      expect(r.id.startsWith('run-test:')).toBe(true);
      expect(r.runId).toBe('run-test');
      expect(r.volumeId).toBe('vol-a0001');
      expect(r.seriesInstanceUid).toBe(volume.seriesInstanceUid);
      expect(r.frameOfReferenceUid).toBe(volume.frameOfReferenceUid);
      expect(r.mask!.dims).toEqual(volume.dims);
      let count = 0;
      let lastK = -1;
      let bad = 0;
      for (const s of r.mask!.slices) {
        if (s.k <= lastK || s.k < r.voxelBox.min[2] || s.k > r.voxelBox.max[2]) bad++;
        lastK = s.k;
        let end = -1;
        for (let q = 0; q < s.runs.length; q += 2) {
          // sorted and maximal (a run never touches the previous one), inside the slice
          const start = s.runs[q]!;
          const length = s.runs[q + 1]!;
          if (start <= end || length <= 0) bad++;
          end = start + length;
          if (end > volume.dims[0] * volume.dims[1]) bad++;
          count += length;
        }
      }
      expect(bad).toBe(0);
      expect(r.volumeMl).toBeCloseTo(count * voxelMl, 2);
      for (const a of [0, 1, 2] as const) {
        expect(r.worldBox.min[a]).toBeLessThanOrEqual(r.centroid[a]);
        expect(r.worldBox.max[a]).toBeGreaterThanOrEqual(r.centroid[a]);
      }
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
  });
});
