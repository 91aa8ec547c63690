/**
 * The LIDC XML and Pascal VOC readers on the real shared annotations, mapped onto the real CTs, and
 * the lesions they make (clustered across readers, sized, sided by the body midline).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bodyMidlineX } from '../../../electron/core/evaluation/body-midline';
import { readLidcXml } from '../../../electron/core/evaluation/lidc-xml';
import { loadCaseVolume } from '../../../electron/core/evaluation/load-case-volume';
import { readCaseReference } from '../../../electron/core/evaluation/read-annotations';
import { readVocBoxes } from '../../../electron/core/evaluation/voc-boxes';
import type { Volume } from '../../../electron/core/volume-assembly/volume';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();

describe.skipIf(!hasData)('annotation readers on the shared data', () => {
  if (!hasData) it.skip(NO_SHARED_DATA_REASON, () => {});

  describe('lidc-xml: LIDC-IDRI-0001 (069.xml, four readers)', () => {
    let volume: Volume;
    beforeAll(async () => {
      volume = (await loadCaseVolume(sharedData('ct', 'chest_lidc_idri_0001'))).volume;
    });

    it('reads four reading sessions; every ROI lands on a slice of the series by its SOP Instance UID', () => {
      const r = readLidcXml(sharedData('annotations', 'lidc_idri_0001', '069.xml'), volume);
      expect(r.readers).toBe(4);
      expect(r.unplacedRois).toBe(0);
      expect(r.marks.length).toBeGreaterThanOrEqual(4);
      expect(new Set(r.marks.map((m) => m.reader)).size).toBe(4);
    });

    it('clusters the four outlines of the ~3 cm nodule into one lesion in the patient\'s LEFT lung', async () => {
      const ref = await readCaseReference([{ format: 'lidc-xml', path: sharedData('annotations', 'lidc_idri_0001', '069.xml') }], volume, bodyMidlineX(volume));
      const large = ref.lesions.filter((l) => l.sizeMm >= 10);
      expect(large).toHaveLength(1);
      const [nodule] = large;
      expect(nodule!.readers).toBe(4);
      expect(nodule!.counted).toBe(true);
      expect(nodule!.side).toBe('left');
      expect(nodule!.sizeMm).toBeGreaterThan(20);
      expect(nodule!.sizeMm).toBeLessThan(45);
      // Posterior (LPS +y) and spanning several 2.5 mm slices.
      expect(nodule!.centre[1]).toBeGreaterThan(0);
      expect(nodule!.slices.count).toBeGreaterThanOrEqual(5);
      expect(nodule!.slices.last - nodule!.slices.first + 1).toBe(nodule!.slices.count);
      // Every lesion is kept (for excusing findings); only 2+ reader ones are counted.
      expect(ref.lesions.every((l) => l.counted === l.readers >= 2)).toBe(true);
    });
  });

  it('lidc-xml: LIDC-IDRI-0003 has lesions of >= 10 mm outlined by 2+ readers in BOTH lungs', async () => {
    const { volume } = await loadCaseVolume(sharedData('ct', 'chest_lidc_idri_0003'));
    const ref = await readCaseReference([{ format: 'lidc-xml', path: sharedData('annotations', 'lidc_idri_0003', '072.xml') }], volume, bodyMidlineX(volume));
    const counted = ref.lesions.filter((l) => l.counted && l.sizeMm >= 10);
    expect(new Set(counted.map((l) => l.side))).toEqual(new Set(['left', 'right']));
    expect(counted.length).toBeGreaterThanOrEqual(3);
    // A lesion never holds more readers than there are sessions.
    expect(Math.max(...ref.lesions.map((l) => l.readers))).toBeLessThanOrEqual(4);
  });

  it('voc-boxes: A0001, 11 boxes named by SOPInstanceUID make ONE lesion in the patient\'s LEFT lung, 30-80 mm', async () => {
    const { volume } = await loadCaseVolume(sharedData('ct', 'chest_lung_pet_ct_dx_A0001'));
    const folder = sharedData('annotations', 'lung_pet_ct_dx_A0001');
    const r = readVocBoxes(folder, volume);
    expect(r.boxes).toHaveLength(11);
    expect(r.unplacedFiles).toEqual([]);
    expect(r.marks).toHaveLength(1);
    const ref = await readCaseReference([{ format: 'voc-boxes', path: folder }], volume, bodyMidlineX(volume));
    expect(ref.lesions).toHaveLength(1);
    const [mass] = ref.lesions;
    expect(mass!.counted).toBe(true);
    expect(mass!.side).toBe('left');
    expect(mass!.slices.count).toBe(11);
    expect(mass!.sizeMm).toBeGreaterThanOrEqual(30);
    expect(mass!.sizeMm).toBeLessThanOrEqual(80);
  });
});
