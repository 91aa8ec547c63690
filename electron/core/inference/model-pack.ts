import type { ErrorCode } from '../errors/radground-error';
import type { PackManifest, PipelineId, PipelinePackManifest } from './pack-manifest';
import type { ModelIo } from './worker/protocol';

export interface PackFile {
  /** As listed in the manifest (relative to the pack folder). */
  path: string;
  absolutePath: string;
  sha256: string;
}

/** A pack that passed every load-time check. */
export interface ModelPack {
  id: string;
  version: string;
  /** The pack folder. */
  dir: string;
  manifest: PackManifest;
  files: PackFile[];
  /** The ONNX file. */
  model: PackFile;
  /** Inputs and outputs as onnxruntime reads them from the model file. */
  io: ModelIo;
}

export type PackStatus = 'ok' | 'unavailable' | 'invalid';

/** One folder found under a models root, with the outcome of its checks. */
export interface ModelPackListing {
  dir: string;
  /** Which root it was found under. */
  source: 'app' | 'user';
  /** From the manifest when it could be read, else the folder name. */
  id: string;
  version: string | null;
  /** 'unavailable': files missing (e.g. third-party weights not installed); 'invalid': any other failed check. */
  status: PackStatus;
  pack: ModelPack | PipelinePack | null;
  error: { code: ErrorCode; message: string } | null;
}

/** A pack whose processing around the ONNX graph is a built-in pipeline (see pack-manifest.ts). */
export interface PipelinePack {
  kind: 'pipeline';
  pipeline: PipelineId;
  id: string;
  version: string;
  dir: string;
  manifest: PipelinePackManifest;
  files: PackFile[];
  /** The ONNX file. */
  model: PackFile;
  io: ModelIo;
}

export function isPipelinePack(pack: ModelPack | PipelinePack): pack is PipelinePack {
  return (pack as PipelinePack).kind === 'pipeline';
}
