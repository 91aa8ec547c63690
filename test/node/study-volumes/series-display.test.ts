import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readPatientOrientation } from '../../../electron/core/dicom/dataset/display-attributes';
import { readDicomHeader } from '../../../electron/core/dicom';
import type { SqliteDatabase } from '../../../electron/core/storage/database-types';
import { closeDatabase, openDatabase } from '../../../electron/core/storage/open-database';
import { indexInstances } from '../../../electron/core/study-index';
import { seriesDisplay } from '../../../electron/core/study-volumes/series-display';
import { NO_SHARED_DATA_REASON, requireSharedData, sharedData } from '../../support/shared-data';

const hasData = requireSharedData();
const cr = sharedData('cxr', 'siim_CR_jpegbaseline.dcm');
const dx = sharedData('cxr', 'nih_cxr14_DX_sc_8bit.dcm');
const mr = sharedData('mr', 'brain_t1_sag');

describe('readPatientOrientation', () => {
  it('reads two direction codes and refuses anything else', () => {
    expect(readPatientOrientation('L\\F')).toEqual(['L', 'F']);
    expect(readPatientOrientation('a\\hp')).toEqual(['A', 'HP']);
    expect(readPatientOrientation('L')).toBeNull();
    expect(readPatientOrientation('X\\F')).toBeNull();
    expect(readPatientOrientation(null)).toBeNull();
  });
});

describe.skipIf(!hasData)(`seriesDisplay on the shared radiographs and MR${hasData ? '' : ` (skipped: ${NO_SHARED_DATA_REASON})`}`, () => {
  let db: SqliteDatabase;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => closeDatabase(db));

  async function index(paths: string[]): Promise<string> {
    const instances = await Promise.all(paths.map((p) => readDicomHeader(p)));
    indexInstances(db, instances);
    return instances[0]!.seriesInstanceUid;
  }

  it('the CR is a projection image with PixelSpacing, View Position PA and no Patient Orientation', async () => {
    const display = seriesDisplay(db, await index([cr]));
    expect(display).toMatchObject({ viewer: 'projection', modality: 'CR', photometricInterpretation: 'MONOCHROME2' });
    expect(display.images).toHaveLength(1);
    expect(display.images[0]).toMatchObject({
      k: 0,
      frameNumber: 1,
      rows: 1024,
      columns: 1024,
      viewPosition: 'PA',
      patientOrientation: null,
      pixelSpacing: { row: 0.168, column: 0.168, source: 'pixel-spacing' },
      patientGeometry: false,
    });
    expect(display.images[0]!.sopInstanceUid).toBe('1.2.276.0.7230010.3.1.4.8323329.6904.1517875201.850819');
  });

  it('the DX secondary capture has no pixel spacing and no orientation', async () => {
    const display = seriesDisplay(db, await index([dx]));
    expect(display.viewer).toBe('projection');
    expect(display.images[0]).toMatchObject({ pixelSpacing: null, patientOrientation: null, viewPosition: null, windows: [] });
  });

  it('the sagittal brain MR stays cross-sectional, with its own windows and patient geometry per slice', async () => {
    const files = readdirSync(mr).filter((f) => f.endsWith('.dcm')).map((f) => join(mr, f));
    const display = seriesDisplay(db, await index(files));
    expect(display.viewer).toBe('cross-sectional');
    expect(display.modality).toBe('MR');
    expect(display.images).toHaveLength(files.length);
    expect(display.images.every((i) => i.patientGeometry && i.pixelSpacing?.source === 'pixel-spacing')).toBe(true);
    expect(display.images[0]!.windows.length).toBeGreaterThan(0);
  });
});
