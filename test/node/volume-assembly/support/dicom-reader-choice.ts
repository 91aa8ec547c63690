/**
 * Which DICOM reader the real-data volume tests use: the product reader (electron/core/dicom:
 * readDicomHeader / readModalityFrames) when it loads, else the test-only reader in this folder
 * (uncompressed data only). Suites print the reader's name.
 */
import type { DicomInstance } from '../../../../electron/core/dicom/dicom-instance';
import { loadTestFrames, readTestDicomInstance } from './test-dicom-reader';

export interface DicomReaderChoice {
  name: 'product' | 'test-only';
  readInstance: (path: string) => Promise<DicomInstance>;
  loadFrames: (inst: DicomInstance) => Promise<(Int16Array | Float32Array)[]>;
  /** True when compressed transfer syntaxes (e.g. JPEG 2000) can be decoded. */
  decodesCompressed: boolean;
}

async function choose(): Promise<DicomReaderChoice> {
  try {
    const mod = (await import('../../../../electron/core/dicom')) as Partial<{
      readDicomHeader: (path: string) => Promise<DicomInstance>;
      readModalityFrames: (inst: DicomInstance) => Promise<(Int16Array | Float32Array)[]>;
    }>;
    if (typeof mod.readDicomHeader === 'function' && typeof mod.readModalityFrames === 'function') {
      return { name: 'product', readInstance: mod.readDicomHeader, loadFrames: mod.readModalityFrames, decodesCompressed: true };
    }
  } catch {
    // product reader not available yet: fall through
  }
  return { name: 'test-only', readInstance: readTestDicomInstance, loadFrames: loadTestFrames, decodesCompressed: false };
}

export const dicomReader: DicomReaderChoice = await choose();
