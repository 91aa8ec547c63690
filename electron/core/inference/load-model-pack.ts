import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { RadGroundError, isRadGroundError } from '../errors/radground-error';
import { inputProblems, modelIoProblems } from './check-model-io';
import type { ModelPack, PackFile, PipelinePack } from './model-pack';
import {
  isPipelineManifestJson,
  manifestModelPath,
  packManifestSchema,
  pipelinePackManifestSchema,
  type PackManifest,
  type PipelinePackManifest,
} from './pack-manifest';
import { sha256File } from './sha256-file';
import type { ModelIo } from './worker/protocol';

export const MANIFEST_FILE = 'manifest.json';

/**
 * Reads a model file's inputs and outputs: from its protobuf (onnxFileInspector, no onnxruntime),
 * or through onnxruntime in the inference worker. `sha256` is the file's, when the caller has it.
 */
export interface ModelInspector {
  inspect(modelPath: string, sha256?: string): Promise<ModelIo>;
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 8)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/** Parses a manifest object; MODEL_INVALID naming each failing field by its path. */
export function parsePackManifest(json: unknown, where: string): PackManifest {
  const parsed = packManifestSchema.safeParse(json);
  if (!parsed.success) {
    throw new RadGroundError('MODEL_INVALID', `${where} is invalid: ${describeIssues(parsed.error.issues)}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    });
  }
  return parsed.data;
}

/** `<dir>/manifest.json`, read and validated. NOT_FOUND when there is none; MODEL_INVALID when it is bad. */
export async function readPackManifest(dir: string): Promise<PackManifest> {
  return parsePackManifest(await readManifestJson(dir), join(dir, MANIFEST_FILE));
}

/** A generic or a pipeline manifest, told apart by its `pipeline` field. */
export async function readAnyPackManifest(dir: string): Promise<PackManifest | PipelinePackManifest> {
  const json = await readManifestJson(dir);
  return isPipelineManifestJson(json) ? parsePipelineManifest(json, join(dir, MANIFEST_FILE)) : parsePackManifest(json, join(dir, MANIFEST_FILE));
}

function parsePipelineManifest(json: unknown, where: string): PipelinePackManifest {
  const parsed = pipelinePackManifestSchema.safeParse(json);
  if (!parsed.success) throw new RadGroundError('MODEL_INVALID', `${where} is invalid: ${describeIssues(parsed.error.issues)}`);
  return parsed.data;
}

async function readManifestJson(dir: string): Promise<unknown> {
  const path = join(dir, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new RadGroundError('NOT_FOUND', `no ${MANIFEST_FILE} in ${dir}`);
    throw e;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new RadGroundError('MODEL_INVALID', `${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return json;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Loads the pack in `dir` and runs every load-time check, in order:
 *  1. manifest.json validates (MODEL_INVALID with the failing fields' paths);
 *  2. every listed file exists (NOT_FOUND naming the missing ones: the pack is "unavailable");
 *  3. every file's sha256 matches the manifest (MODEL_INVALID naming the file and both hashes);
 *  4. the model's inputs/outputs, as `inspector` reads them, agree with the manifest's (MODEL_INVALID).
 */
export async function loadModelPack(dir: string, inspector: ModelInspector): Promise<ModelPack> {
  const manifest = await readPackManifest(dir);
  const where = `model pack '${manifest.id}' (${dir})`;
  const files = await verifyPackFiles(dir, manifest.files, where);
  const model = files.find((f) => f.path === manifestModelPath(manifest))!;
  const io = await inspectModel(inspector, model, where);
  const problems = modelIoProblems(manifest, io);
  if (problems.length) {
    throw new RadGroundError('MODEL_INVALID', `${where}: the manifest does not match '${model.path}': ${problems.join('; ')}`, { problems });
  }
  return { id: manifest.id, version: manifest.version, dir, manifest, files, model, io };
}

/** Like loadModelPack, for generic and pipeline packs alike (same file, hash and input checks). */
export async function loadAnyModelPack(dir: string, inspector: ModelInspector): Promise<ModelPack | PipelinePack> {
  const json = await readManifestJson(dir);
  if (!isPipelineManifestJson(json)) return loadModelPack(dir, inspector);
  const manifest = parsePipelineManifest(json, join(dir, MANIFEST_FILE));
  const where = `model pack '${manifest.id}' (${dir})`;
  const files = await verifyPackFiles(dir, manifest.files, where);
  const model = files.find((f) => f.path.toLowerCase().endsWith('.onnx'))!;
  const io = await inspectModel(inspector, model, where);
  const problems = inputProblems(manifest.inputs, io);
  if (problems.length) {
    throw new RadGroundError('MODEL_INVALID', `${where}: the manifest does not match '${model.path}': ${problems.join('; ')}`, { problems });
  }
  return { kind: 'pipeline', pipeline: manifest.pipeline, id: manifest.id, version: manifest.version, dir, manifest, files, model, io };
}

/** Every listed file exists (NOT_FOUND: the pack is not installed) and matches its sha256 (MODEL_INVALID). */
async function verifyPackFiles(dir: string, listed: readonly { path: string; sha256: string }[], where: string): Promise<PackFile[]> {
  const missing: string[] = [];
  for (const f of listed) if (!(await isFile(join(dir, f.path)))) missing.push(f.path);
  if (missing.length) {
    throw new RadGroundError('NOT_FOUND', `${where} is missing ${missing.map((m) => `'${m}'`).join(', ')} (not installed)`, { missing });
  }
  const files: PackFile[] = [];
  for (const f of listed) {
    const absolutePath = join(dir, f.path);
    const actual = await sha256File(absolutePath);
    if (actual !== f.sha256) {
      throw new RadGroundError(
        'MODEL_INVALID',
        `${where}: sha256 mismatch for '${f.path}': the file's sha256 is ${actual}, the manifest says ${f.sha256}`,
        { file: f.path, expected: f.sha256, actual },
      );
    }
    files.push({ path: f.path, absolutePath, sha256: actual });
  }
  return files;
}

async function inspectModel(inspector: ModelInspector, model: PackFile, where: string): Promise<ModelIo> {
  try {
    return await inspector.inspect(model.absolutePath, model.sha256);
  } catch (e) {
    if (isRadGroundError(e) && e.code === 'CANCELLED') throw e;
    const why = e instanceof Error ? e.message : String(e);
    throw new RadGroundError('MODEL_INVALID', `${where}: cannot read the inputs and outputs of '${model.path}': ${why}`);
  }
}
