import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { SentenceView } from '../../../electron/shared/api/channels/report-schemas';
import { regionSummary } from '../../../renderer/src/report/region-summary';
import SentenceRow from '../../../renderer/src/report/SentenceRow.vue';

const sentence = (over: Partial<SentenceView>): SentenceView => ({
  id: 's1',
  section: 'findings',
  ordinal: 0,
  text: '',
  origin: 'ai',
  grounding: 'auto',
  updatedAt: '2024-03-15T12:00:00Z',
  links: [],
  regionIds: [],
  checks: [],
  ...over,
});
const row = (s: SentenceView) => mount(SentenceRow, { props: { sentence: s, editable: true, highlighted: false, selected: false, regionLabel: (id: string) => id } });

describe('the report panel shows what the analysis could not verify', () => {
  it('a review prompt is shown whole, with its review badge', () => {
    const text =
      'Lungs: not verified by the automated analysis — right lung aerated volume 28% below the left; 85 mL of airless tissue in the right lung not explained by a finding (40 mL in the left).';
    const w = row(sentence({ text, checks: [{ kind: 'review_prompt', severity: 'warning', message: 'The automated analysis could not verify this.', regionIds: [] }] }));
    const area = w.get('textarea').element as HTMLTextAreaElement;
    expect(area.value).toBe(text);
    expect(Number(area.getAttribute('rows'))).toBeGreaterThanOrEqual(3);
    const badge = w.get('[data-testid="sentence-check"]');
    expect(badge.attributes()).toMatchObject({ 'data-kind': 'review_prompt', 'data-severity': 'warning' });
    expect(w.classes()).toContain('worst-warning');
  });

  it('a normal statement over an undescribed finding shows its error badge; a short sentence keeps two rows', () => {
    const w = row(
      sentence({
        text: 'The lungs are clear.',
        checks: [{ kind: 'denies_finding', severity: 'error', message: 'The text says the lungs are normal or clear, but the analysis found 8 mm nodule, right lower zone.', regionIds: ['n3'] }],
      }),
    );
    expect(w.get('textarea').attributes('rows')).toBe('2');
    expect(w.get('[data-kind="denies_finding"]').text()).toContain('8 mm nodule, right lower zone');
    expect(w.classes()).toContain('worst-error');
  });

  it('the region list names zones as radiologists do, with size and confidence', () => {
    expect(regionSummary({ label: 'nodule', laterality: 'right', zone: 'middle', diameterMm: 5, volumeMl: 0.1, confidence: 0.42 })).toBe('nodule · right mid · 5.0 mm · confidence 0.42');
    expect(regionSummary({ label: 'lung volume asymmetry', laterality: 'right', zone: null, diameterMm: null, volumeMl: 1812.4, confidence: 0.9 })).toBe(
      'lung volume asymmetry · right · 1812 mL · confidence 0.90',
    );
  });
});
