import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { RadGroundError, toErrorInfo, isRadGroundError } from '../errors/radground-error';
import { loadAnyModelPack, readAnyPackManifest, MANIFEST_FILE, type ModelInspector } from './load-model-pack';
import { isPipelinePack, type ModelPack, type ModelPackListing, type PipelinePack } from './model-pack';

export interface ModelPackRoots {
  /** Packs shipped with the app (`native-models/`), or null. */
  appModelsDir: string | null;
  /** The data folder; packs the user installed live in `<dataDir>/models/`. */
  dataDir: string | null;
}

/** `<dataDir>/models`: where user-installed packs live. */
export function userModelsDir(dataDir: string): string {
  return join(dataDir, 'models');
}

async function packDirs(root: string): Promise<string[]> {
  try {
    const entries = await readdir(root, { withFileTypes: true });
    const dirs: string[] = [];
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const dir = join(root, e.name);
      const inside = await readdir(dir).catch(() => [] as string[]);
      if (inside.includes(MANIFEST_FILE)) dirs.push(dir);
    }
    return dirs.sort();
  } catch {
    return []; // a missing root holds no packs
  }
}

/** Loads one folder into a listing; never throws. */
export async function checkModelPack(dir: string, source: 'app' | 'user', inspector: ModelInspector): Promise<ModelPackListing> {
  let id = basename(dir);
  let version: string | null = null;
  try {
    const manifest = await readAnyPackManifest(dir);
    id = manifest.id;
    version = manifest.version;
    const pack = await loadAnyModelPack(dir, inspector);
    return { dir, source, id, version, status: 'ok', pack, error: null };
  } catch (e) {
    const error = toErrorInfo(e);
    const status = isRadGroundError(e) && e.code === 'NOT_FOUND' ? 'unavailable' : 'invalid';
    return { dir, source, id, version, status, pack: null, error };
  }
}

/**
 * Every pack folder (a folder holding manifest.json) under `<dataDir>/models/` then the app's
 * `native-models/`, each with its check results. One bad pack never hides the others.
 */
export async function listModelPacks(roots: ModelPackRoots, inspector: ModelInspector): Promise<ModelPackListing[]> {
  const out: ModelPackListing[] = [];
  const sources: { root: string; source: 'app' | 'user' }[] = [];
  if (roots.dataDir) sources.push({ root: userModelsDir(roots.dataDir), source: 'user' });
  if (roots.appModelsDir) sources.push({ root: roots.appModelsDir, source: 'app' });
  for (const { root, source } of sources) {
    for (const dir of await packDirs(root)) out.push(await checkModelPack(dir, source, inspector));
  }
  return out;
}

/**
 * The usable pack with this id (user-installed first, then the app's); NOT_FOUND when there is
 * none, with the reason each candidate failed.
 */
export function pickModelPack(listings: readonly ModelPackListing[], id: string, version?: string): ModelPack {
  const pack = pickAnyModelPack(listings, id, version);
  if (isPipelinePack(pack)) throw new RadGroundError('BAD_REQUEST', `model pack '${id}' runs through its built-in ${pack.pipeline} pipeline`);
  return pack;
}

/** The usable pack with this id, generic or pipeline. */
export function pickAnyModelPack(listings: readonly ModelPackListing[], id: string, version?: string): ModelPack | PipelinePack {
  const candidates = listings.filter((l) => l.id === id && (version === undefined || l.version === version));
  const ok = candidates.find((l) => l.status === 'ok' && l.pack);
  if (ok?.pack) return ok.pack;
  const reasons = candidates.map((l) => `${l.dir}: ${l.status}: ${l.error?.message ?? ''}`).join('; ');
  throw new RadGroundError('NOT_FOUND', `no usable model pack '${id}'${version ? ` version ${version}` : ''}${reasons ? ` (${reasons})` : ''}`);
}
