import { describe, expect, it } from 'vitest';
import { changeStatus, GROWTH_THRESHOLD_MM } from '../../../electron/core/tracking/change-status';
import { daysBetween, volumeDoublingTimeDays } from '../../../electron/core/tracking/doubling-time';
import { matchLesions, type MatchCandidate } from '../../../electron/core/tracking/match-lesions';
import { trackLesions } from '../../../electron/core/tracking/track-lesions';
import { identityTransform, translationTransform } from '../../../electron/core/registration/rigid-transform';
import type { Region } from '../../../electron/core/regions/region';
import type { Vec3 } from '../../../electron/core/geometry';

describe('change status (Lung-RADS v2022 growth: > 1.5 mm)', () => {
  it('uses the 1.5 mm threshold on both sides, strictly', () => {
    expect(GROWTH_THRESHOLD_MM).toBe(1.5);
    expect(changeStatus(10, 11.5)).toBe('stable');
    expect(changeStatus(10, 11.51)).toBe('increased');
    expect(changeStatus(10, 8.5)).toBe('stable');
    expect(changeStatus(10, 8.49)).toBe('decreased');
    expect(changeStatus(null, 6)).toBe('new');
    expect(changeStatus(6, null)).toBe('resolved');
    expect(() => changeStatus(null, null)).toThrow();
  });
});

describe('volume doubling time', () => {
  it('is dt ln2 / ln(V2/V1) for growth, null otherwise', () => {
    expect(daysBetween('20230315', '20240315')).toBe(366);
    expect(volumeDoublingTimeDays(1, 2, 100)).toBeCloseTo(100, 9);
    expect(volumeDoublingTimeDays(1, 8, 300)).toBeCloseTo(100, 9);
    expect(volumeDoublingTimeDays(2, 1, 100)).toBeNull();
    expect(volumeDoublingTimeDays(1, 1, 100)).toBeNull();
    expect(volumeDoublingTimeDays(1, 2, null)).toBeNull();
    expect(daysBetween(null, '20240315')).toBeNull();
    expect(daysBetween('2024-03-15', '20240315')).toBeNull();
  });
});

const cand = (id: string, position: Vec3, diameterMm: number, label = 'nodule'): MatchCandidate => ({ id, label, position, diameterMm });

describe('one-to-one matching', () => {
  it('pairs the nearest lesions, never one lesion twice, and leaves far ones alone', () => {
    const current = [cand('c1', [0, 0, 0], 8), cand('c2', [30, 0, 0], 6), cand('c3', [200, 0, 0], 5)];
    const prior = [cand('p1', [2, 0, 0], 7), cand('p2', [27, 1, 0], 6), cand('p3', [-150, 0, 0], 5)];
    expect(matchLesions(current, prior).sort((a, b) => a.currentId.localeCompare(b.currentId))).toEqual([
      { currentId: 'c1', priorId: 'p1' },
      { currentId: 'c2', priorId: 'p2' },
    ]);
  });

  it("follows the reader's forced and forbidden pairs", () => {
    const current = [cand('c1', [0, 0, 0], 8), cand('c2', [10, 0, 0], 8)];
    const prior = [cand('p1', [0, 0, 0], 8), cand('p2', [10, 0, 0], 8)];
    const forced = matchLesions(current, prior, { forced: [{ currentId: 'c1', priorId: 'p2' }] });
    expect(forced).toContainEqual({ currentId: 'c1', priorId: 'p2' });
    expect(forced).toContainEqual({ currentId: 'c2', priorId: 'p1' });
    const forbidden = matchLesions(current, prior, { forbidden: [{ currentId: 'c1', priorId: 'p1' }] });
    expect(forbidden).not.toContainEqual({ currentId: 'c1', priorId: 'p1' });
  });
});

function finding(id: string, centroid: Vec3, diameterMm: number, volumeMl: number, label = 'nodule'): Region {
  return {
    id, label, kind: 'finding', code: null, laterality: 'left', zone: 'upper', volumeId: null, seriesInstanceUid: null, frameOfReferenceUid: null,
    voxelBox: { min: [0, 0, 0], max: [0, 0, 0] }, worldBox: { min: centroid, max: centroid }, centroid, volumeMl, diameterMm, meanHu: 40, confidence: 0.9, mask: null, runId: 'run',
  };
}

describe('trackLesions', () => {
  it('maps prior centroids through the registration, then reports sizes, changes, doubling time and status', () => {
    const shift: Vec3 = [40, -10, 25];
    const pairs = trackLesions({
      current: [finding('c1', [40, -10, 25], 12, 0.9), finding('c2', [100, 0, 0], 6, 0.1), { ...finding('a', [0, 0, 0], 50, 500), kind: 'anatomy', label: 'left lung' }],
      prior: [finding('p1', [0, 0, 0], 10, 0.45), finding('p2', [-100, 50, 0], 5, 0.07)],
      priorToCurrent: translationTransform(shift),
      currentDate: '20240315',
      priorDate: '20230315',
    });
    expect(pairs.map((p) => [p.current?.regionId ?? null, p.prior?.regionId ?? null, p.status])).toEqual([
      ['c1', 'p1', 'increased'],
      ['c2', null, 'new'],
      [null, 'p2', 'resolved'],
    ]);
    const grown = pairs[0]!;
    expect(grown.diameterChangeMm).toBe(2);
    expect(grown.diameterChangePct).toBe(20);
    expect(grown.volumeChangePct).toBe(100);
    expect(grown.doublingTimeDays).toBe(366);
    expect(grown.distanceMm).toBe(0);
    expect(pairs[1]!.doublingTimeDays).toBeNull();
  });

  it('without the registration the same lesions would not pair (the gate is in current coordinates)', () => {
    const pairs = trackLesions({
      current: [finding('c1', [40, -10, 25], 10, 0.5)],
      prior: [finding('p1', [0, 0, 0], 10, 0.5)],
      priorToCurrent: identityTransform(),
      currentDate: null,
      priorDate: null,
    });
    expect(pairs.map((p) => p.status).sort()).toEqual(['new', 'resolved']);
  });
});
