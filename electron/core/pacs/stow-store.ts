import { randomBytes } from 'node:crypto';
import { parseNodeRoot, resolveOnNode } from './node-url';
import { PacsError } from './pacs-errors';
import { pacsRequest, readBody } from './pacs-http';
import type { PacsNode } from './pacs-node';

export interface StoredInstance {
  sopClassUid: string;
  sopInstanceUid: string;
}

export interface StowResult {
  stored: StoredInstance[];
  failed: (StoredInstance & { reason: number | null })[];
  /** HTTP 200: all stored; 202: some failed or warnings. */
  httpStatus: number;
}

/** The multipart/related body of a STOW-RS request: one application/dicom part per Part 10 file. */
export function stowBody(files: Buffer[]): { body: Buffer; contentType: string } {
  const boundary = `radground-${randomBytes(16).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const f of files) {
    if (f.indexOf(`--${boundary}`, 0, 'latin1') >= 0) throw new PacsError('BAD_BOUNDARY', 'boundary collision in a DICOM file');
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\nContent-Length: ${f.length}\r\n\r\n`, 'latin1'), f, Buffer.from('\r\n', 'latin1'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'latin1'));
  return { body: Buffer.concat(chunks), contentType: `multipart/related; type="application/dicom"; boundary=${boundary}` };
}

type DicomJson = Record<string, { vr: string; Value?: unknown[] }>;

/** STOW-RS of DICOM Part 10 files to the node's /studies; the answer lists what was stored and what failed. */
export async function storeInstances(node: PacsNode, files: Buffer[], signal?: AbortSignal): Promise<StowResult> {
  const { body, contentType } = stowBody(files);
  const url = resolveOnNode(parseNodeRoot(node.url), 'studies');
  const res = await pacsRequest(node, { method: 'POST', url, body, signal, headers: { 'Content-Type': contentType, 'Content-Length': String(body.length), Accept: 'application/dicom+json' } });
  const text = (await readBody(res, 16 * 1024 * 1024)).toString('utf8');
  let answer: DicomJson = {};
  if (text.trim()) {
    try {
      answer = JSON.parse(text) as DicomJson;
    } catch {
      throw new PacsError('BAD_JSON', 'STOW-RS answer is not JSON');
    }
  }
  const items = (tag: string) => (answer[tag]?.Value ?? []) as DicomJson[];
  const ref = (d: DicomJson) => ({ sopClassUid: String(d['00081150']?.Value?.[0] ?? ''), sopInstanceUid: String(d['00081155']?.Value?.[0] ?? '') });
  return {
    stored: items('00081199').map(ref),
    failed: items('00081198').map((d) => ({ ...ref(d), reason: d['00081197']?.Value?.[0] === undefined ? null : Number(d['00081197'].Value[0]) })),
    httpStatus: res.statusCode ?? 0,
  };
}
