import { writeFileSync } from 'node:fs';
import type { AppCore } from '../app-core';
import { RadGroundError } from '../errors/radground-error';
import { dicomWorkers } from '../dicom-worker/dicom-worker-pool';
import { stableUid } from './dicom-common';
import { readReportDicomSource } from './report-source';
import { buildSegDataset, segmentsOf } from './seg-builder';
import { buildSrDataset } from './sr-builder';

export interface ReportDicomObjects {
  sr: Buffer;
  seg: Buffer | null;
  srSopInstanceUid: string;
  segSopInstanceUid: string | null;
}

interface SignedReportHashes {
  uid: string;
  contentHash: string | null;
  addenda: readonly { hash: string; previousHash: string }[];
}

/** The signature's content hash (an addendum moves the report's hash on; the first one keeps the signed one as previousHash). */
function signedHashOf(report: SignedReportHashes): string {
  return report.addenda[0]?.previousHash ?? report.contentHash ?? '';
}

/** The SOP Instance UIDs of every SR a signed report exports as: its signing's, then one per addendum. */
export function srUidsOf(report: SignedReportHashes): string[] {
  return [stableUid(`${report.uid}:${signedHashOf(report)}`, 'sr'), ...report.addenda.map((a) => stableUid(`${report.uid}:${a.hash}`, 'sr'))];
}

/**
 * A signed report as DICOM: the Comprehensive 3D SR and, when it links regions with masks, the SEG
 * of those regions. UIDs derive from the report and its content hash: exporting the same signed
 * report twice gives identical objects.
 */
export async function exportReportDicom(core: Pick<AppCore, 'db' | 'volumes'>, reportId: string): Promise<ReportDicomObjects> {
  const source = readReportDicomSource(core.db, reportId, (id) => core.volumes.describe(id));
  const key = `${source.report.uid}:${signedHashOf(source.report)}`;
  const segments = segmentsOf(source);
  const segSopInstanceUid = segments.length ? stableUid(key, 'seg') : null;
  // Each addendum makes a new SR instance (keyed by its hash) that names the previous version's SR
  // as its predecessor; the SEG (the signed regions) stays the one of the signature.
  const uids = srUidsOf(source.report);
  const srSopInstanceUid = uids.at(-1)!;
  const predecessorUid = uids.length > 1 ? uids.at(-2)! : null;
  // Written by dcmjs in a DICOM worker thread: the serving thread only builds the data sets.
  const seg = segSopInstanceUid ? await dicomWorkers().writePart10(buildSegDataset(source, segments, segSopInstanceUid)) : null;
  const sr = await dicomWorkers().writePart10(buildSrDataset(source, segments, segSopInstanceUid, srSopInstanceUid, predecessorUid));
  return { sr, seg, srSopInstanceUid, segSopInstanceUid };
}

/** Writes the SR and/or SEG of a signed report to files; returns the paths written. A SEG asked for where no region has a mask is CONFLICT. */
export async function writeReportDicom(core: Pick<AppCore, 'db' | 'volumes'>, reportId: string, files: { sr?: string; seg?: string }): Promise<string[]> {
  const objects = await exportReportDicom(core, reportId);
  const written: string[] = [];
  if (files.sr) {
    writeFileSync(files.sr, objects.sr);
    written.push(files.sr);
  }
  if (files.seg) {
    if (!objects.seg) throw new RadGroundError('CONFLICT', 'the report links no region with a mask: there is no SEG to write');
    writeFileSync(files.seg, objects.seg);
    written.push(files.seg);
  }
  return written;
}
