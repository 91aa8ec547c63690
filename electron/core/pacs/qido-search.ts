import { resolveOnNode, parseNodeRoot } from './node-url';
import { PacsError } from './pacs-errors';
import { pacsRequest, readBody } from './pacs-http';
import type { PacsNode } from './pacs-node';

export interface StudyQuery {
  patientId?: string;
  patientName?: string;
  studyInstanceUid?: string;
  accessionNumber?: string;
  modality?: string;
  /** DICOM date or range: 20070404, 20070101-20071231 */
  studyDate?: string;
  limit?: number;
}

export interface RemoteStudy {
  studyInstanceUid: string;
  patientId: string | null;
  patientName: string | null;
  studyDate: string | null;
  accessionNumber: string | null;
  modalities: string[];
  description: string | null;
  seriesCount: number | null;
  instanceCount: number | null;
}

export interface RemoteSeries {
  seriesInstanceUid: string;
  modality: string | null;
  seriesNumber: number | null;
  description: string | null;
  instanceCount: number | null;
}

const MAX_QIDO_BYTES = 32 * 1024 * 1024;

type DicomJson = Record<string, { vr: string; Value?: unknown[] }>;

/** QIDO-RS study search (patient, date, modality, accession, study UID). */
export async function searchStudies(node: PacsNode, query: StudyQuery, signal?: AbortSignal): Promise<RemoteStudy[]> {
  const url = resolveOnNode(parseNodeRoot(node.url), 'studies', {
    PatientID: query.patientId,
    PatientName: query.patientName,
    StudyInstanceUID: query.studyInstanceUid,
    AccessionNumber: query.accessionNumber,
    ModalitiesInStudy: query.modality,
    StudyDate: query.studyDate,
    limit: query.limit === undefined ? undefined : String(query.limit),
    // One includefield per attribute: servers differ on comma lists and on 'all'.
    includefield: ['00081030', '00080061', '00201206', '00201208'],
  });
  return (await qidoJson(node, url, signal)).map((d) => ({
    studyInstanceUid: str(d, '0020000D') ?? '',
    patientId: str(d, '00100020'),
    patientName: personName(d, '00100010'),
    studyDate: str(d, '00080020'),
    accessionNumber: str(d, '00080050'),
    modalities: (d['00080061']?.Value ?? []).map(String),
    description: str(d, '00081030'),
    seriesCount: num(d, '00201206'),
    instanceCount: num(d, '00201208'),
  }));
}

/** QIDO-RS series of one study. */
export async function searchSeries(node: PacsNode, studyInstanceUid: string, signal?: AbortSignal): Promise<RemoteSeries[]> {
  const url = resolveOnNode(parseNodeRoot(node.url), `studies/${encodeURIComponent(studyInstanceUid)}/series`, { includefield: ['0008103E', '00201209'] });
  return (await qidoJson(node, url, signal)).map((d) => ({
    seriesInstanceUid: str(d, '0020000E') ?? '',
    modality: str(d, '00080060'),
    seriesNumber: num(d, '00200011'),
    description: str(d, '0008103E'),
    instanceCount: num(d, '00201209'),
  }));
}

/** QIDO-RS instances (SOP Class and Instance UIDs) of a study, optionally of one series. */
export async function searchInstances(node: PacsNode, studyInstanceUid: string, seriesInstanceUid?: string, signal?: AbortSignal) {
  const path = `studies/${encodeURIComponent(studyInstanceUid)}${seriesInstanceUid ? `/series/${encodeURIComponent(seriesInstanceUid)}` : ''}/instances`;
  const url = resolveOnNode(parseNodeRoot(node.url), path);
  return (await qidoJson(node, url, signal)).map((d) => ({ seriesInstanceUid: str(d, '0020000E') ?? '', sopClassUid: str(d, '00080016') ?? '', sopInstanceUid: str(d, '00080018') ?? '' }));
}

async function qidoJson(node: PacsNode, url: URL, signal?: AbortSignal): Promise<DicomJson[]> {
  const res = await pacsRequest(node, { method: 'GET', url, headers: { Accept: 'application/dicom+json' }, signal });
  // 204 No Content: no matches.
  const body = await readBody(res, MAX_QIDO_BYTES);
  if (body.length === 0) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new PacsError('BAD_JSON', 'QIDO-RS answer is not JSON');
  }
  if (!Array.isArray(parsed)) throw new PacsError('BAD_JSON', 'QIDO-RS answer is not a JSON array');
  return parsed.filter((d): d is DicomJson => typeof d === 'object' && d !== null);
}

function str(d: DicomJson, tag: string): string | null {
  const v = d[tag]?.Value?.[0];
  return v === undefined || v === null ? null : String(v);
}

function num(d: DicomJson, tag: string): number | null {
  const v = Number(d[tag]?.Value?.[0]);
  return Number.isFinite(v) && d[tag]?.Value?.length ? v : null;
}

function personName(d: DicomJson, tag: string): string | null {
  const v = d[tag]?.Value?.[0] as { Alphabetic?: string } | string | undefined;
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? v : (v.Alphabetic ?? null);
}
