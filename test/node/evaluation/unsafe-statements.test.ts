/** Unsafe statements: normal or negative sentences (as the product's sentence parser reads them) over a lesion of >= 10 mm. */
import { describe, expect, it } from 'vitest';
import type { ReferenceLesion } from '../../../electron/core/evaluation/reference-lesions';
import { unsafeStatements } from '../../../electron/core/evaluation/unsafe-statements';

function lesion(id: string, side: 'left' | 'right', sizeMm: number, counted = true): ReferenceLesion {
  return {
    id, source: 't', readers: counted ? 2 : 1, readerIds: [], counted, sizeMm, side,
    centre: [0, 0, 0], worldBox: { min: [0, 0, 0], max: [1, 1, 1] }, voxelBox: { min: [0, 0, 0], max: [0, 0, 0] },
    slices: { first: 0, last: 0, count: 1 }, mask: { dims: [1, 1, 1], slices: [] },
  };
}
const s = (text: string) => ({ section: 'findings', text });

describe('unsafe statements', () => {
  const mass = [lesion('L1', 'left', 41)];

  it('"The lungs are clear." and "No pulmonary nodule or mass." over a 41 mm left mass are unsafe', () => {
    const out = unsafeStatements([s('The lungs are clear.'), s('No pulmonary nodule or mass.')], mass);
    expect(out).toEqual([
      { section: 'findings', text: 'The lungs are clear.', kinds: ['normal'], lesionIds: ['L1'] },
      { section: 'findings', text: 'No pulmonary nodule or mass.', kinds: ['negated'], lesionIds: ['L1'] },
    ]);
  });

  it('a statement scoped to the other side does not contradict; one naming the lesion\'s side does', () => {
    expect(unsafeStatements([s('The right lung is clear.'), s('No nodule in the right lung.')], mass)).toEqual([]);
    expect(unsafeStatements([s('The left lung is clear.')], mass)).toHaveLength(1);
    expect(unsafeStatements([s('No nodule in either lung.')], mass)).toHaveLength(1);
  });

  it('positive findings, review prompts, other organs and non-focal negations are not unsafe', () => {
    const safe = [
      'A 41 mm solid mass in the left upper lung zone (series 2, image 21).',
      'Lungs: not verified by the automated analysis — right lung volume 28% below the left.',
      'The heart is normal in size.',
      'No pleural effusion or pneumothorax.',
      'No mediastinal lymphadenopathy.',
      'Possible 12 mm nodule in the left lower lung zone.',
    ];
    expect(unsafeStatements(safe.map(s), mass)).toEqual([]);
  });

  it('only counted lesions of >= 10 mm count, and a stated size above the lesion excuses it', () => {
    expect(unsafeStatements([s('The lungs are clear.')], [lesion('small', 'left', 9.9), lesion('one-reader', 'left', 30, false)])).toEqual([]);
    expect(unsafeStatements([s('No nodule larger than 50 mm.')], mass)).toEqual([]);
    expect(unsafeStatements([s('No nodule larger than 5 mm.')], mass)).toHaveLength(1);
  });
});
