import { z } from 'zod';
import { jsonChannel } from '../define-channel';
import { importSummarySchema } from './study-channels';

/**
 * PACS (DICOMweb) channels: the configured nodes, QIDO-RS search, WADO-RS retrieve with progress
 * events (`pacs.retrieve.progress`) and cancel, the priors of a patient in one action, and the
 * persistent send queue (STOW-RS of signed reports).
 */
const uid = z.string().regex(/^[0-9.]{1,64}$/);
const nodeId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const retrieveId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);

/** How a node authenticates; the password or token is never part of the stored settings. */
export const pacsNodeAuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('basic'), username: z.string().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('bearer') }).strict(),
]);

export const pacsNodeSettingsSchema = z
  .object({
    id: nodeId,
    name: z.string().trim().min(1).max(100),
    /** The DICOMweb root (http or https). */
    url: z.string().url().max(2048),
    auth: pacsNodeAuthSchema,
    /** Send the SR + SEG of every signed report here. */
    sendAfterSigning: z.boolean().default(false),
  })
  .strict();
export type PacsNodeSettings = z.infer<typeof pacsNodeSettingsSchema>;

/** A node as listed: its settings and whether its secret is held (in memory in the host). */
export const pacsNodeViewSchema = pacsNodeSettingsSchema.extend({ hasSecret: z.boolean() });
export type PacsNodeView = z.infer<typeof pacsNodeViewSchema>;

export const remoteStudySchema = z.object({
  studyInstanceUid: z.string(),
  patientId: z.string().nullable(),
  patientName: z.string().nullable(),
  studyDate: z.string().nullable(),
  accessionNumber: z.string().nullable(),
  modalities: z.array(z.string()),
  description: z.string().nullable(),
  seriesCount: z.number().int().nullable(),
  instanceCount: z.number().int().nullable(),
  /** Whether the study is already in the local index. */
  local: z.boolean(),
});
export type RemoteStudyView = z.infer<typeof remoteStudySchema>;

export const SEND_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export const pacsSendSchema = z.object({
  id: z.number().int(),
  reportId: z.string(),
  nodeId: z.string(),
  contentHash: z.string(),
  status: z.enum(SEND_STATUSES),
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  sent: z.array(z.object({ sopClassUid: z.string(), sopInstanceUid: z.string() })),
});
export type PacsSendView = z.infer<typeof pacsSendSchema>;

const nodesResponse = z.object({ nodes: z.array(pacsNodeViewSchema) });

export const pacsChannels = {
  'pacs.nodes.list': jsonChannel({ description: 'The configured PACS nodes.', request: z.object({}).strict(), response: nodesResponse }),
  'pacs.nodes.save': jsonChannel({
    description: 'Add or change a node. `secret` (password or bearer token) is kept in memory only in the browser host, with safeStorage in the desktop app; null forgets it, absent keeps it.',
    request: z.object({ node: pacsNodeSettingsSchema, secret: z.string().min(1).max(8192).nullable().optional() }).strict(),
    response: nodesResponse,
  }),
  'pacs.nodes.remove': jsonChannel({ description: 'Remove a node and forget its secret.', request: z.object({ nodeId }).strict(), response: nodesResponse }),
  'pacs.query': jsonChannel({
    description: 'QIDO-RS study search on a node (patient ID or name, date or range, modality, accession).',
    request: z
      .object({
        nodeId,
        patient: z.string().max(200).optional(),
        studyDate: z.string().regex(/^(\d{8})?(-(\d{8})?)?$/).optional(),
        modality: z.string().max(16).optional(),
        accession: z.string().max(64).optional(),
        studyInstanceUid: uid.optional(),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    response: z.object({ studies: z.array(remoteStudySchema) }),
  }),
  'pacs.retrieve': jsonChannel({
    description: 'WADO-RS retrieve of a study or series into the local index; progress as pacs.retrieve.progress events under retrieveId.',
    request: z.object({ nodeId, retrieveId, studyInstanceUid: uid, seriesInstanceUid: uid.optional() }).strict(),
    response: importSummarySchema,
  }),
  'pacs.fetchPriors': jsonChannel({
    description: "One action: retrieve every study of the open study's patient that the node has and the index lacks.",
    request: z.object({ nodeId, retrieveId, studyInstanceUid: uid }).strict(),
    response: z.object({ retrieved: z.array(z.object({ studyInstanceUid: z.string(), instances: z.number().int() })), alreadyLocal: z.number().int() }),
  }),
  'pacs.cancel': jsonChannel({ description: 'Cancel a retrieve in progress.', request: z.object({ retrieveId }).strict(), response: z.object({ cancelled: z.boolean() }) }),
  'pacs.sends': jsonChannel({
    description: 'The send queue (STOW-RS of signed reports): status, attempts and last error of each send, newest first.',
    request: z.object({ reportId: z.string().optional() }).strict(),
    response: z.object({ sends: z.array(pacsSendSchema) }),
  }),
  'pacs.send': jsonChannel({
    description: 'Queue the SR + SEG of a signed report for a node (sent at once when the node answers).',
    request: z.object({ reportId: z.string().min(1), nodeId }).strict(),
    response: pacsSendSchema,
  }),
  'pacs.retrySend': jsonChannel({ description: 'Try a failed or waiting send again now.', request: z.object({ id: z.number().int() }).strict(), response: pacsSendSchema }),
} as const;
