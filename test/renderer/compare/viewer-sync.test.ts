import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { effectScope, ref, shallowRef } from 'vue';
import { defaultPrior, type PriorInfo } from '../../../renderer/src/compare/prior-choice';
import { applyMatrix, IDENTITY4, invertRigid } from '../../../renderer/src/compare/rigid-map';
import { useViewerSync } from '../../../renderer/src/compare/useViewerSync';
import { worldToIndex } from '../../../electron/shared/geometry/grid';
import { createViewerStore, type ViewerStore } from '../../../renderer/src/viewer/stores/viewer-store';
import type { Vec3 } from '../../../renderer/src/viewer/types';
import { volumeInfo } from '../viewer/volume-info';

// 5 degrees about z, then a shift: PRIOR -> CURRENT.
const a = (5 * Math.PI) / 180;
const M = [Math.cos(a), -Math.sin(a), 0, 12, Math.sin(a), Math.cos(a), 0, -7, 0, 0, 1, 20, 0, 0, 0, 1];

describe('rigid map', () => {
  it('inverts a rigid matrix: M^-1 (M p) = p', () => {
    const p: Vec3 = [10, -40, 120];
    const back = applyMatrix(invertRigid(M), applyMatrix(M, p));
    back.forEach((v, i) => expect(v).toBeCloseTo(p[i]!, 9));
    expect(applyMatrix(IDENTITY4, p)).toEqual(p);
  });
});

describe('default prior', () => {
  const prior = (uid: string, date: string, modalities: string[], bodyParts: string[]): PriorInfo => ({ studyInstanceUid: uid, studyDate: date, studyTime: null, description: null, modalities, bodyParts, reportStatus: null });
  it('is the most recent prior of the same modality and body part', () => {
    const list = [prior('1', '20240101', ['MR'], ['CHEST']), prior('2', '20230101', ['CT'], ['CHEST']), prior('3', '20231201', ['CT'], ['HEAD']), prior('4', '20220101', ['CT'], ['CHEST'])];
    expect(defaultPrior({ modalities: ['CT'], bodyParts: ['CHEST'] }, list)?.studyInstanceUid).toBe('2');
    expect(defaultPrior({ modalities: ['CT'], bodyParts: [] }, list)?.studyInstanceUid).toBe('3');
    expect(defaultPrior({ modalities: ['US'], bodyParts: [] }, list)).toBeNull();
  });
});

describe('viewer sync through the registration', () => {
  let current: ViewerStore;
  let prior: ViewerStore;
  const wl = ref(false);
  beforeEach(() => {
    setActivePinia(createPinia());
    current = createViewerStore('current');
    prior = createViewerStore('prior');
    effectScope().run(() => useViewerSync(shallowRef(current), shallowRef(prior), { priorToCurrent: ref(M), windowLevel: wl }));
    current.openVolume('1.1', volumeInfo({ dims: [64, 64, 40], spacing: [2, 2, 2.5], origin: [-64, -64, 60] }));
    prior.openVolume('2.2', volumeInfo({ dims: [64, 64, 40], spacing: [2, 2, 2.5], origin: [-60, -70, 40] }));
  });
  const near = (p: Vec3, q: Vec3, tol: number) => p.forEach((v, i) => expect(Math.abs(v - q[i]!)).toBeLessThanOrEqual(tol));

  it('a prior that opens follows the current exam (mapped), instead of moving it', () => {
    near(current.crosshair, [0, 0, 110], 2); // current's own centre, untouched
    near(prior.crosshair, applyMatrix(invertRigid(M), current.crosshair), 1.6);
  });

  it('scrolling either exam moves the other to the corresponding anatomy, slice by slice', () => {
    for (let i = 0; i < 5; i++) {
      current.scrollSlice('axial', 1);
      near(prior.crosshair, applyMatrix(invertRigid(M), current.crosshair), 1.6);
    }
    const before = [...current.crosshair] as Vec3;
    prior.scrollSlice('axial', -3);
    expect(current.crosshair[2]).toBeLessThan(before[2]);
    near(current.crosshair, applyMatrix(M, prior.crosshair), 1.6);
    expect(worldToIndex(prior.grid!, prior.crosshair).every((v) => Math.abs(v - Math.round(v)) < 1e-6)).toBe(true);
  });

  it('zoom and pan are linked; window/level only when asked', () => {
    current.zoomView('axial', 2);
    current.panView('axial', 5, -3);
    expect(prior.transforms.axial).toEqual({ zoom: 2, pan: [5, -3] });
    current.setWindowLevel({ center: 50, width: 350 });
    expect(prior.windowLevel).not.toEqual({ center: 50, width: 350 });
    wl.value = true;
    current.setWindowLevel({ center: 60, width: 300 });
    expect(prior.windowLevel).toEqual({ center: 60, width: 300 });
  });
});
