/**
 * What the PACS channels do: search a node (marking studies already in the index), retrieve a study
 * or series with progress events and cancel, fetch every prior of the open study's patient in one
 * action, and the send queue of signed reports.
 */
import type { RemoteStudyView } from '../../shared/api/channels/pacs-channels';
import type { ImportSummary } from '../../shared/api/channels/study-channels';
import type { ApiEvent } from '../../shared/api/events';
import { RadGroundError } from '../errors/radground-error';
import type { ImportContext } from '../import/import-paths';
import type { SqliteDatabase } from '../storage/database-types';
import { getStudy } from '../study-index';
import type { PacsNodeStore } from './node-store';
import { searchStudies, type RemoteStudy } from './qido-search';
import { retrieveIntoIndex } from './retrieve-into-index';
import type { RetrieveTarget } from './wado-retrieve';

export interface PacsServiceDeps {
  db: SqliteDatabase;
  dataDir: string;
  nodes: PacsNodeStore;
  importContext: ImportContext;
  publish: (e: ApiEvent) => void;
}

export interface PacsQuery {
  patient?: string;
  studyDate?: string;
  modality?: string;
  accession?: string;
  studyInstanceUid?: string;
  limit?: number;
}

export function createPacsService(deps: PacsServiceDeps) {
  const inFlight = new Map<string, AbortController>();
  const isLocal = (uid: string) => deps.db.prepare('SELECT 1 FROM studies WHERE study_instance_uid = ?').get(uid) !== undefined;
  const view = (s: RemoteStudy): RemoteStudyView => ({ ...s, local: isLocal(s.studyInstanceUid) });

  /** Runs a retrieve under its id (cancellable through `cancel`). */
  async function track<T>(retrieveId: string, body: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (inFlight.has(retrieveId)) throw new RadGroundError('CONFLICT', `retrieve ${retrieveId} is already running`);
    const controller = new AbortController();
    inFlight.set(retrieveId, controller);
    try {
      return await body(controller.signal);
    } finally {
      inFlight.delete(retrieveId);
    }
  }

  const retrieveOne = (nodeId: string, retrieveId: string, target: RetrieveTarget, signal: AbortSignal): Promise<ImportSummary> =>
    retrieveIntoIndex({ ...deps.importContext, dataDir: deps.dataDir }, deps.nodes.resolve(nodeId), target, {
      signal,
      onProgress: (p) => deps.publish({ type: 'pacs.retrieve.progress', retrieveId, studyInstanceUid: target.studyInstanceUid, instances: p.instances, bytes: p.bytes, total: p.total }),
    });

  return {
    async query(nodeId: string, q: PacsQuery): Promise<RemoteStudyView[]> {
      const node = deps.nodes.resolve(nodeId);
      const base = { studyDate: q.studyDate, modality: q.modality, accessionNumber: q.accession, studyInstanceUid: q.studyInstanceUid, limit: q.limit };
      const patient = q.patient?.trim();
      let found = await searchStudies(node, { ...base, patientId: patient || undefined });
      // Not a patient ID: try it as a name (QIDO wildcard match).
      if (patient && !found.length) found = await searchStudies(node, { ...base, patientName: `*${patient.replace(/[*?]/g, '')}*` });
      return found.map(view);
    },

    retrieve: (nodeId: string, retrieveId: string, target: RetrieveTarget) => track(retrieveId, (signal) => retrieveOne(nodeId, retrieveId, target, signal)),

    /** Every study of the open study's patient on the node that the index lacks, retrieved one after the other. */
    fetchPriors: (nodeId: string, retrieveId: string, studyInstanceUid: string) =>
      track(retrieveId, async (signal) => {
        const patientId = getStudy(deps.db, studyInstanceUid).patient.patientId;
        if (!patientId) throw new RadGroundError('BAD_REQUEST', 'the open study has no patient ID to look for priors with');
        const studies = await searchStudies(deps.nodes.resolve(nodeId), { patientId }, signal);
        const missing = studies.filter((s) => s.patientId === patientId && !isLocal(s.studyInstanceUid));
        const retrieved: { studyInstanceUid: string; instances: number }[] = [];
        for (const s of missing) {
          const summary = await retrieveOne(nodeId, retrieveId, { studyInstanceUid: s.studyInstanceUid }, signal);
          retrieved.push({ studyInstanceUid: s.studyInstanceUid, instances: summary.added.instances });
        }
        return { retrieved, alreadyLocal: studies.length - missing.length };
      }),

    cancel(retrieveId: string): boolean {
      const c = inFlight.get(retrieveId);
      c?.abort();
      return !!c;
    },

    cancelAll(): void {
      for (const c of inFlight.values()) c.abort();
    },
  };
}

export type PacsService = ReturnType<typeof createPacsService>;
