import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { LesionPairDto, StudyComparisonDto } from '../../../electron/shared/api/channels/compare-channels';
import type { VolumeSummary } from '../../../electron/shared/api/channels/study-channels';
import { installTransportForTests } from '../../../renderer/src/api/api-client';
import CompareNudge from '../../../renderer/src/compare/CompareNudge.vue';
import { useCompareStore } from '../../../renderer/src/compare/stores/compare-store';
import CompareView from '../../../renderer/src/compare/CompareView.vue';
import ReadingViewer from '../../../renderer/src/viewer/ReadingViewer.vue';
import PriorRegions from '../../../renderer/src/report/PriorRegions.vue';
import { SERIES_DRAG_TYPE } from '../../../renderer/src/study/series-drag';
import { useStudyStore } from '../../../renderer/src/study/stores/study-store';

const lesion = (regionId: string, label: string, diameterMm: number) => ({ regionId, label, laterality: 'left' as const, zone: 'upper', diameterMm, volumeMl: 1, centroid: [0, 0, 0] as [number, number, number] });
const pair = (current: ReturnType<typeof lesion> | null, prior: ReturnType<typeof lesion> | null, status: LesionPairDto['status'], pairedBy: LesionPairDto['pairedBy'] = 'auto'): LesionPairDto => ({
  current,
  prior,
  status,
  diameterChangeMm: null,
  diameterChangePct: null,
  volumeChangeMl: null,
  volumeChangePct: null,
  doublingTimeDays: null,
  distanceMm: null,
  pairedBy,
});
const mass = lesion('cur-mass', 'mass', 37);
const priorMass = lesion('pri-mass', 'mass', 30);
const priorNodule = lesion('pri-nod', 'nodule', 6);
function comparison(pairs: LesionPairDto[], nudgeMm: [number, number, number] = [0, 0, 0]): StudyComparisonDto {
  const matrix = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  return {
    current: { volumeId: '1.1', seriesInstanceUid: '1.1', studyInstanceUid: '9.1', studyDate: '20240315' },
    prior: { volumeId: '2.1', seriesInstanceUid: '2.1', studyInstanceUid: '9.2', studyDate: '20230315' },
    registration: { id: 'reg-1', currentVolumeId: '1.1', priorVolumeId: '2.1', method: 'same-frame-of-reference', sameFrameOfReference: true, matrix, translationMm: [0, 0, 0], rotationDeg: 0, quality: null, durationMs: 1, nudgeMm, automaticMatrix: matrix },
    pairs,
    convention: 'RECIST',
  };
}

/** A transport that records each call and answers from `answers`. */
function fakeCore(answers: Record<string, (payload: Record<string, unknown>) => unknown>) {
  const calls: { channel: string; payload: Record<string, unknown> }[] = [];
  installTransportForTests({
    kind: 'http',
    async invoke(channel, payload) {
      calls.push({ channel, payload: payload as Record<string, unknown> });
      const answer = answers[channel];
      if (!answer) return { ok: false, error: { code: 'NOT_FOUND', message: `no fake for ${channel}` } } as never;
      return { ok: true, value: answer(payload as Record<string, unknown>) } as never;
    },
    subscribe: () => () => undefined,
    importPathsForFiles: async () => [],
  });
  return calls;
}

let pinia: Pinia;
beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
});

function comparing(pairs: LesionPairDto[]) {
  const compare = useCompareStore();
  compare.priors = [{ studyInstanceUid: '9.2', studyDate: '20230315', studyTime: null, description: 'CT chest', modalities: ['CT'], bodyParts: ['CHEST'], reportStatus: 'final' }];
  compare.selectedPriorUid = '9.2';
  compare.active = true;
  compare.comparison = comparison(pairs);
  return compare;
}

describe('prior regions in the report panel (issue 10)', () => {
  it('lists the prior exam’s tracked lesions under the prior exam, with status and partner; a click picks the prior region', async () => {
    comparing([pair(mass, priorMass, 'increased'), pair(null, priorNodule, 'resolved'), pair(lesion('cur-new', 'nodule', 5), null, 'new')]);
    const w = mount(PriorRegions, { global: { plugins: [pinia] } });
    expect(w.get('[data-testid="prior-regions-exam"]').text()).toBe('Prior exam 2023-03-15 · CT chest');
    const items = w.findAll('[data-testid="prior-region-item"]');
    expect(items.map((i) => [i.attributes('data-region-id'), i.attributes('data-status')])).toEqual([
      ['pri-mass', 'increased'],
      ['pri-nod', 'resolved'],
    ]);
    expect(items[0]!.get('[data-testid="prior-partner"]').text()).toContain('mass · left · upper · 37 mm');
    await items[1]!.get('[data-testid="prior-region"]').trigger('click');
    expect(w.emitted('pick')).toEqual([['pri-nod']]);
  });

  it('Unpair and Pair with call compare.repair and show the re-tracked pairs', async () => {
    comparing([pair(mass, priorMass, 'increased'), pair(null, priorNodule, 'resolved')]);
    const calls = fakeCore({
      'compare.repair': (p) =>
        p.action === 'unpair'
          ? comparison([pair(mass, null, 'new', 'user'), pair(null, priorMass, 'resolved', 'user'), pair(null, priorNodule, 'resolved')])
          : comparison([pair(mass, priorNodule, 'increased', 'user'), pair(null, priorMass, 'resolved', 'user')]),
    });
    const w = mount(PriorRegions, { global: { plugins: [pinia] } });
    await w.get('[data-testid="unpair"]').trigger('click');
    await flushPromises();
    expect(calls).toEqual([{ channel: 'compare.repair', payload: { registrationId: 'reg-1', currentRegionId: 'cur-mass', priorRegionId: 'pri-mass', action: 'unpair' } }]);
    expect(w.findAll('[data-testid="prior-region-item"]').map((i) => i.attributes('data-status'))).toEqual(['resolved', 'resolved']);

    const nodule = w.findAll('[data-testid="prior-region-item"]')[1]!;
    await nodule.get('[data-testid="pair-with"]').setValue('cur-mass');
    await nodule.get('[data-testid="pair-apply"]').trigger('click');
    await flushPromises();
    expect(calls[1]).toEqual({ channel: 'compare.repair', payload: { registrationId: 'reg-1', currentRegionId: 'cur-mass', priorRegionId: 'pri-nod', action: 'pair' } });
    const paired = w.get('[data-region-id="pri-nod"]');
    expect(paired.get('[data-testid="prior-partner"]').text()).toContain('(by hand)');
    expect(paired.find('[data-testid="auto-pair"]').exists()).toBe(true);
  });

  it('is not shown outside compare mode', () => {
    const compare = comparing([pair(mass, priorMass, 'increased')]);
    compare.active = false;
    expect(mount(PriorRegions, { global: { plugins: [pinia] } }).find('[data-testid="prior-regions"]').exists()).toBe(false);
  });
});

describe('nudging the prior (compare.nudge)', () => {
  it('each button shifts the saved nudge by the step along its axis; Reset goes back to zero', async () => {
    comparing([]);
    const calls = fakeCore({ 'compare.nudge': (p) => comparison([], p.translationMm as [number, number, number]) });
    const w = mount(CompareNudge, { props: { stepMm: 2 }, global: { plugins: [pinia] } });
    expect(w.get('[data-testid="nudge-reset"]').attributes('disabled')).toBeDefined();
    await w.get('[data-testid="nudge-x-plus"]').trigger('click');
    await flushPromises();
    await w.get('[data-testid="nudge-z-minus"]').trigger('click');
    await flushPromises();
    expect(calls.map((c) => c.payload)).toEqual([
      { registrationId: 'reg-1', translationMm: [2, 0, 0] },
      { registrationId: 'reg-1', translationMm: [2, 0, -2] },
    ]);
    expect(w.get('[data-testid="compare-nudge"]').attributes('data-nudge')).toBe('2,0,-2');
    await w.get('[data-testid="nudge-reset"]').trigger('click');
    await flushPromises();
    expect(calls[2]!.payload).toEqual({ registrationId: 'reg-1', translationMm: [0, 0, 0] });
  });
});

describe('dragging a series onto a compare pane (issue 14.1)', () => {
  const volume = (volumeId: string): VolumeSummary => ({ volumeId, seriesInstanceUid: volumeId, frameOfReferenceUid: null, modality: 'CT', dims: [4, 4, 4], spacing: [1, 1, 1], origin: [0, 0, 0], direction: [1, 0, 0, 0, 1, 0, 0, 0, 1], units: 'HU' }) as unknown as VolumeSummary;
  function drop(el: Element, volumeId: string): void {
    const e = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(e, 'dataTransfer', { value: { getData: (t: string) => (t === SERIES_DRAG_TYPE ? volumeId : '') } });
    el.dispatchEvent(e);
  }

  it('a prior series dropped on the prior pane shows there; a current series on the current pane; a foreign one is refused', async () => {
    const compare = comparing([]);
    compare.priorVolumes = new Map([['9.2', [volume('2.1'), volume('2.2')]]]);
    const study = useStudyStore();
    study.volumes = [volume('1.1'), volume('1.2')];
    study.activeVolumeId = '1.1';
    const w = mount(CompareView, { props: { currentVolumeId: '1.1', currentDate: '20240315' }, global: { plugins: [pinia], stubs: { ReadingViewer: true, PriorReport: true } } });
    const viewerIds = () => w.findAllComponents(ReadingViewer).map((v) => [v.props('viewerId'), v.props('volumeId')]);
    expect(viewerIds()).toEqual([['current', '1.1'], ['prior', '2.1']]);

    drop(w.get('[data-testid="compare-prior"]').element, '2.2');
    await flushPromises();
    expect(viewerIds()[1]).toEqual(['prior', '2.2']);
    expect(compare.priorVolumeId).toBe('2.2');

    drop(w.get('[data-testid="compare-current"]').element, '1.2');
    await flushPromises();
    expect(study.activeVolumeId).toBe('1.2');

    drop(w.get('[data-testid="compare-prior"]').element, '1.1');
    await flushPromises();
    expect(w.get('[data-testid="compare-drop-refused"]').text()).toMatch(/not part of the prior exam/);
    expect(compare.priorVolumeId).toBe('2.2');
  });
});
