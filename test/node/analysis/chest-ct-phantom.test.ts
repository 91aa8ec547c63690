/**
 * chest-ct on the synthetic demo phantom (electron/core/demo), whose planted lesions, lobes, zones
 * and lung labels are exact ground truth: every lesion found at its size, side and zone, nothing
 * else reported, lungs agreeing with the phantom's label map.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChestCtAnalysis } from '../../../electron/core/analysis/chest-ct';
import { bodyToWorld } from '../../../electron/core/demo/exam-spec';
import type { ExamRole } from '../../../electron/core/demo/lesions';
import { renderPhantom, type PhantomRender } from '../../../electron/core/demo/render';
import { LABEL } from '../../../electron/core/demo/shapes';
import { decodeMask, dice, runChestCt } from './support/chest-ct';

const EXAMS: ExamRole[] = ['current', 'prior'];

describe.each(EXAMS)('chest-ct on the demo phantom (%s exam)', (role) => {
  let phantom: PhantomRender;
  let res: ChestCtAnalysis;

  beforeAll(async () => {
    phantom = renderPhantom(role);
    res = await runChestCt(phantom.volume);
    const findings = res.regions.filter((r) => r.kind === 'finding');
    console.info(
      `phantom ${role}: ${res.timings.totalMs} ms; findings: ${findings
        .map((f) => `${f.label} ${f.laterality}/${f.zone} ${f.diameterMm} mm (conf ${f.confidence})`)
        .join('; ')}`,
    );
  });

  it('finds every planted lesion with its diameter within 2 mm, on the right side and in the right zone', () => {
    const findings = res.regions.filter((r) => r.kind === 'finding');
    for (const lesion of phantom.model.lesions) {
      const centre = bodyToWorld(phantom.exam, lesion.centre);
      const d = lesion.diameterMm[role];
      const match = findings.find((f) => Math.hypot(f.centroid[0] - centre[0], f.centroid[1] - centre[1], f.centroid[2] - centre[2]) < Math.max(4, d / 2));
      expect(match, `lesion ${lesion.id} (${d} mm, ${lesion.side} ${lesion.zone})`).toBeDefined();
      console.info(`phantom ${role} ${lesion.id}: planted ${d} mm ${lesion.side}/${lesion.zone}; found ${match!.diameterMm} mm ${match!.laterality}/${match!.zone}`);
      expect(Math.abs(match!.diameterMm! - d)).toBeLessThanOrEqual(2);
      expect(match!.laterality).toBe(lesion.side);
      expect(match!.zone).toBe(lesion.zone);
      expect(match!.label).toBe(d >= 30 ? 'mass' : 'nodule');
    }
  });

  it('reports no finding where none was planted', () => {
    const findings = res.regions.filter((r) => r.kind === 'finding');
    const planted = phantom.model.lesions.map((l) => ({ c: bodyToWorld(phantom.exam, l.centre), d: l.diameterMm[role] }));
    for (const f of findings) {
      const near = planted.some((p) => Math.hypot(f.centroid[0] - p.c[0], f.centroid[1] - p.c[1], f.centroid[2] - p.c[2]) < Math.max(4, p.d / 2));
      expect(near, `unplanted finding at ${f.centroid.join(', ')}`).toBe(true);
    }
    expect(findings).toHaveLength(planted.length);
  });

  it('segments the lungs like the phantom label map (Dice >= 0.9 per side)', () => {
    const labels = phantom.labels;
    for (const [side, label] of [['right', LABEL.rightLung], ['left', LABEL.leftLung]] as const) {
      const ours = decodeMask(res.regions.find((r) => r.label === `${side} lung`)!.mask!);
      const truth = new Uint8Array(labels.length);
      for (let p = 0; p < labels.length; p++) truth[p] = labels[p] === label ? 1 : 0;
      const d = dice(ours, truth);
      console.info(`phantom ${role} ${side} lung Dice ${d.toFixed(3)} (ours ${res.regions.find((r) => r.label === `${side} lung`)!.volumeMl} mL, truth ${phantom.lungVolumesMl[side]} mL)`);
      expect(d).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('finds the trachea above the carina, in the midline', () => {
    const trachea = res.regions.find((r) => r.label === 'trachea');
    expect(trachea).toBeDefined();
    expect(trachea!.laterality).toBe('midline');
    const truth = new Uint8Array(phantom.labels.length);
    for (let p = 0; p < truth.length; p++) truth[p] = phantom.labels[p] === LABEL.airway ? 1 : 0;
    const ours = decodeMask(trachea!.mask!);
    let inside = 0, total = 0;
    for (let p = 0; p < ours.length; p++) {
      if (!ours[p]) continue;
      total++;
      if (truth[p]) inside++;
    }
    // Most of what is called trachea is airway in the phantom (its wall rim is partial volume).
    expect(inside / total).toBeGreaterThan(0.7);
  });
});
