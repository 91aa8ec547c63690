import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readDicomHeader } from '../../../electron/core/dicom';
import { imageRegion } from '../../../electron/core/regions/image-region';
import { listRegions, saveRegions } from '../../../electron/core/regions/region-repository';
import type { SqliteDatabase } from '../../../electron/core/storage/database-types';
import { closeDatabase, openDatabase } from '../../../electron/core/storage/open-database';
import { indexInstances } from '../../../electron/core/study-index';
import { seriesDisplay } from '../../../electron/core/study-volumes/series-display';
import { StudyVolumeService } from '../../../electron/core/study-volumes/study-volume-service';
import { formatImageMeasurement, measureImageShape } from '../../../electron/shared/imaging/image-measurement';

const data = resolve(__dirname, '..', '..', '..', '..', 'shared', 'data');
const cr = join(data, 'cxr', 'siim_CR_jpegbaseline.dcm');
const dx = join(data, 'cxr', 'nih_cxr14_DX_sc_8bit.dcm');

describe('measureImageShape', () => {
  it('measures in mm with PixelSpacing, mm at the detector with ImagerPixelSpacing, pixels without', () => {
    const p1: [number, number] = [0, 0];
    const p2: [number, number] = [30, 40];
    expect(formatImageMeasurement(measureImageShape('length', p1, p2, { row: 0.5, column: 0.5, source: 'pixel-spacing' }))).toBe('25.0 mm');
    expect(formatImageMeasurement(measureImageShape('length', p1, p2, { row: 0.5, column: 0.5, source: 'imager-pixel-spacing' }))).toBe('25.0 mm (at detector)');
    expect(formatImageMeasurement(measureImageShape('length', p1, p2, null))).toBe('50 px (no pixel spacing)');
    // Anisotropic pixels: x by the column spacing, y by the row spacing.
    expect(measureImageShape('length', [0, 0], [10, 0], { row: 2, column: 0.5, source: 'pixel-spacing' }).size).toBe(5);
    expect(measureImageShape('length', [0, 0], [0, 10], { row: 2, column: 0.5, source: 'pixel-spacing' }).size).toBe(20);
    const ellipse = measureImageShape('ellipse', [0, 0], [20, 10], { row: 1, column: 1, source: 'pixel-spacing' });
    expect(ellipse.area).toBeCloseTo(Math.PI * 50, 6);
    expect(formatImageMeasurement(measureImageShape('rectangle', [0, 0], [20, 10], null))).toBe('20 × 10 px, area 200 px² (no pixel spacing)');
  });
});

describe.skipIf(!existsSync(cr))('imageRegion on the shared radiographs', () => {
  let db: SqliteDatabase;
  let volumes: StudyVolumeService;
  beforeEach(() => {
    db = openDatabase(':memory:');
    volumes = new StudyVolumeService({ db });
  });
  afterEach(() => closeDatabase(db));

  async function open(path: string) {
    const instance = await readDicomHeader(path);
    indexInstances(db, [instance]);
    const display = seriesDisplay(db, instance.seriesInstanceUid);
    return { volumeId: display.volumeId, image: display.images[0]!, volume: await volumes.load(display.volumeId) };
  }

  it('a length on the CR is in mm and anchored to its SOP Instance UID in image coordinates; it is stored and read back', async () => {
    const { volumeId, image, volume } = await open(cr);
    const result = imageRegion(volume, image, { volumeId, k: 0, shape: 'length', points: [[100, 200], [400, 600]] });
    expect(result.text).toBe(`${(500 * 0.168).toFixed(1)} mm`);
    expect(result.region.frameOfReferenceUid).toBeNull();
    expect(result.region.image).toEqual({
      coordinates: 'image',
      sopInstanceUid: image.sopInstanceUid,
      frameNumber: 1,
      k: 0,
      shape: 'length',
      points: [[100, 200], [400, 600]],
    });
    saveRegions(db, null, [result.region]);
    const [stored] = listRegions(db, { volumeId });
    expect(stored!.image).toEqual(result.region.image);
    expect(stored!.label).toBe('length 84.0 mm');
  });

  it('an ellipse on the DX (no pixel spacing) is in pixels, says so, and has the mean of the pixels inside', async () => {
    const { volumeId, image, volume } = await open(dx);
    const result = imageRegion(volume, image, { volumeId, k: 0, shape: 'ellipse', points: [[500, 500], [540, 520]] });
    expect(result.measurement).toMatchObject({ unit: 'px', qualifier: 'no pixel spacing', size: 40, size2: 20 });
    expect(result.text).toMatch(/^40 × 20 px, area 628 px² \(no pixel spacing\), mean \d+, SD \d+$/);
    // The mean lies within the values of the bounding rectangle.
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 500; j <= 520; j++) for (let i = 500; i <= 540; i++) {
      const v = volume.scalars[j * 1024 + i]!;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    expect(result.stats!.mean).toBeGreaterThanOrEqual(lo);
    expect(result.stats!.mean).toBeLessThanOrEqual(hi);
    expect(result.stats!.pixelCount).toBeLessThan(41 * 21);
  });
});
