import { describe, expect, it } from 'vitest';
import { changeClaims, parseSentence, type FindingMention } from '../../../electron/core/reports/grounding/sentence-parser';
import { tokenize } from '../../../electron/core/reports/grounding/tokenize';

const positives = (t: string): FindingMention[] => parseSentence(t).mentions.filter((m) => m.polarity === 'positive');
const negated = (t: string): FindingMention[] => parseSentence(t).mentions.filter((m) => m.polarity === 'negated');
const one = (t: string): FindingMention => {
  const p = positives(t);
  expect(p, t).toHaveLength(1);
  return p[0]!;
};

describe('tokenizer', () => {
  it('keeps decimals, splits units and dimension separators, reads word hyphens as spaces but keeps number ranges', () => {
    expect(tokenize('1.5cm x 8-mm ground-glass, 4-6 mm').map((t) => t.text)).toEqual(['1.5', 'cm', 'x', '8', 'mm', 'ground', 'glass', ',', '4', '-', '6', 'mm']);
  });
});

describe('sentence parser: negation', () => {
  it('negates what follows a pre-negation cue, to the end of the clause', () => {
    expect(positives('No pleural effusion.')).toHaveLength(0);
    expect(negated('No pleural effusion.')[0]!.concepts).toEqual(['effusion']);
    for (const t of ['Negative for pneumothorax.', 'The lungs are free of consolidation.', 'There is no evidence of a pulmonary nodule.', 'Without focal consolidation.']) {
      expect(positives(t), t).toHaveLength(0);
      expect(negated(t), t).toHaveLength(1);
    }
  });

  it('does not negate a finding stated before the cue ("nodule without calcification")', () => {
    const m = one('An 8 mm nodule in the right lower lobe without calcification.');
    expect(m.concepts).toEqual(['nodule']);
    expect(negated('An 8 mm nodule in the right lower lobe without calcification.')[0]!.concepts).toEqual(['calcification']);
  });

  it('continues a negated list across commas and "or", but not into a new statement', () => {
    const list = parseSentence('No pleural effusion, pneumothorax or consolidation.');
    expect(list.mentions.every((m) => m.polarity === 'negated')).toBe(true);
    expect(list.mentions.flatMap((m) => m.concepts).sort()).toEqual(['consolidation', 'effusion', 'pneumothorax']);

    expect(one('No pleural effusion, a 5 mm nodule in the right middle lobe.').sizesMm).toEqual([5]);
    expect(one('No effusion and an 8 mm nodule in the left lower lobe.').sides).toEqual(['left']);
    expect(one('No pneumothorax but there is a small left upper lobe mass.').concepts).toEqual(['mass']);
  });

  it('reads post-negation ("is not seen", "has resolved") and pseudo-negation ("no change", "cannot be excluded")', () => {
    expect(positives('The previously seen nodule is not seen.')).toHaveLength(0);
    expect(positives('The right middle lobe nodule has resolved.')).toHaveLength(0);
    const noChange = parseSentence('No change in the 8 mm right lower lobe nodule.');
    expect(noChange.mentions[0]!.polarity).toBe('positive');
    expect(noChange.changes.map((c) => c.kind)).toContain('unchanged');
    const hedged = one('A small left lower lobe nodule cannot be excluded.');
    expect(hedged.uncertain).toBe(true);
  });

  it('treats normal statements as normal, not as findings', () => {
    const p = parseSentence('The lungs are clear.');
    expect(p.mentions).toHaveLength(0);
    expect(p.normals).toEqual([expect.objectContaining({ anatomy: ['lung'] })]);
  });
});

describe('sentence parser: anatomy and laterality', () => {
  it.each([
    ['RUL', 'right', 'upper'],
    ['RML', 'right', 'middle'],
    ['RLL', 'right', 'lower'],
    ['LUL', 'left', 'upper'],
    ['LLL', 'left', 'lower'],
    ['right upper lobe', 'right', 'upper'],
    ['right middle lobe', 'right', 'middle'],
    ['middle lobe', 'right', 'middle'],
    ['left lower lobe', 'left', 'lower'],
    ['lingula', 'left', 'upper'],
    ['R lower lobe', 'right', 'lower'],
    ['L upper lobe', 'left', 'upper'],
    ['left mid zone', 'left', 'middle'],
    ['right lung base', 'right', 'lower'],
  ])('nodule in the %s -> %s %s', (where, side, zone) => {
    const m = one(`Nodule in the ${where}.`);
    expect(m.sides).toEqual([side]);
    expect(m.zones).toEqual([zone]);
  });

  it('reads "L"/"R" as sides only before a side-taking word, never after a number', () => {
    expect(one('A 5 mm nodule, segment L.').sides).toEqual([]);
    expect(one('Fluid 2 L in the pleural space, effusion.').sides).toEqual([]);
    expect(one('A nodule in the R hilum.').sides).toEqual(['right']);
    expect(one('A nodule in the R hilum.').anatomy).toContain('hilum');
  });

  it('reads bilateral statements and both sides as bilateral (and plural)', () => {
    const m = one('Bilateral lower lobe nodules.');
    expect(m.bilateral).toBe(true);
    expect(m.plural).toBe(true);
    expect(m.zones).toEqual(['lower']);
    expect(one('Nodules in the right and left upper lobes.').bilateral).toBe(true);
    expect(one('Bibasilar atelectasis.')).toMatchObject({ bilateral: true, zones: ['lower'], concepts: ['atelectasis'] });
  });

  it('lends a location clause to the finding around it, in either order', () => {
    expect(one('In the right lower lobe, there is an 8 mm nodule.')).toMatchObject({ sides: ['right'], zones: ['lower'], sizesMm: [8] });
    expect(one('Left upper lung zone mass, 36 mm.')).toMatchObject({ sides: ['left'], zones: ['upper'], sizesMm: [36] });
  });

  it('keeps list items apart as parts', () => {
    const m = one('Additional nodules: 6 mm right upper zone, 5 mm right middle zone.');
    expect(m.parts).toEqual([
      expect.objectContaining({ sides: ['right'], zones: ['upper'], sizesMm: [6] }),
      expect.objectContaining({ sides: ['right'], zones: ['middle'], sizesMm: [5] }),
    ]);
  });

  it('takes organ words from region labels when asked', () => {
    const p = parseSentence('A lesion in the thymus.', { extraAnatomy: new Set(['thymus']) });
    expect(p.mentions[0]!.anatomy).toEqual(['thymus']);
  });
});

describe('sentence parser: sizes', () => {
  it.each([
    ['An 8 mm nodule.', [8]],
    ['An 8mm nodule.', [8]],
    ['An 8-mm nodule.', [8]],
    ['A 1.2 cm nodule.', [12]],
    ['A nodule measuring 8 x 6 mm.', [8]],
    ['A nodule measuring 6 x 9 x 7 mm.', [9]],
    ['A nodule of 8 mm x 11 mm.', [11]],
    ['A 2 by 3 cm mass.', [30]],
    ['Nodules of 4-6 mm.', [6]],
    ['A 41 millimetre mass.', [41]],
  ])('%s -> %j mm', (t, sizes) => {
    expect(one(t).sizesMm).toEqual(sizes);
  });

  it('ignores numbers without units (image and series numbers, counts)', () => {
    expect(one('A 41 mm solid mass in the left upper lung zone (series 2, image 23).').sizesMm).toEqual([41]);
    expect(one('Three nodules, image 45.').sizesMm).toEqual([]);
  });

  it('separates prior sizes from current ones', () => {
    expect(one('An 8 mm right lower lobe nodule (previously 6 mm).')).toMatchObject({ sizesMm: [8], priorSizesMm: [6] });
    expect(one('The nodule increased from 6 to 8 mm.')).toMatchObject({ sizesMm: [8], priorSizesMm: [6] });
    expect(one('The nodule increased from 6 mm to 8 mm.')).toMatchObject({ sizesMm: [8], priorSizesMm: [6] });
  });
});

describe('sentence parser: change words', () => {
  it.each([
    ['A new 4 mm nodule in the left lower lobe.', 'new'],
    ['The right lower lobe nodule has increased in size.', 'increased'],
    ['The left upper lobe mass is enlarging.', 'increased'],
    ['The nodule is smaller.', 'decreased'],
    ['The nodule has decreased.', 'decreased'],
    ['The 8 mm nodule is unchanged.', 'unchanged'],
    ['Stable 8 mm nodule.', 'unchanged'],
    ['The consolidation has resolved.', 'resolved'],
  ])('%s -> %s', (t, kind) => {
    expect(parseSentence(t).changes.map((c) => c.kind)).toContain(kind);
    expect(changeClaims(parseSentence(t)).length).toBeGreaterThan(0);
  });

  it('a negated mention of the prior is not a comparison claim, a negated "new" still is', () => {
    expect(changeClaims(parseSentence('No prior studies are available.'))).toEqual([]);
    expect(changeClaims(parseSentence('No new nodules.')).map((c) => c.kind)).toEqual(['new']);
    expect(changeClaims(parseSentence('An 8 mm nodule in the right lower lobe.'))).toEqual([]);
  });
});
