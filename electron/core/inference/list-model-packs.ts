import { readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
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
  return refuseBuiltInIds(out);
}

async function manifestOf(dir: string): Promise<unknown> {
  try {
    return await readAnyPackManifest(dir);
  } catch {
    return null;
  }
}

/**
 * A user pack can never take the id of a pack shipped with the app. The only user folder allowed
 * under a built-in id is the installed weights of that very pack: its manifest.json equal to the
 * app's, so every file is pinned by the app's own sha256. Any other is listed as invalid
 * (MODEL_INVALID) with the reason, and never runs in the built-in pack's place.
 */
export async function refuseBuiltInIds(listings: readonly ModelPackListing[]): Promise<ModelPackListing[]> {
  const builtIn = new Map(listings.filter((l) => l.source === 'app').map((l) => [l.id, l.dir]));
  const out: ModelPackListing[] = [];
  for (const l of listings) {
    const appDir = l.source === 'user' ? builtIn.get(l.id) : undefined;
    if (appDir === undefined) {
      out.push(l);
      continue;
    }
    const [mine, theirs] = await Promise.all([manifestOf(l.dir), manifestOf(appDir)]);
    if (mine !== null && theirs !== null && isDeepStrictEqual(mine, theirs)) {
      out.push(l);
      continue;
    }
    out.push({
      ...l,
      status: 'invalid',
      pack: null,
      error: {
        code: 'MODEL_INVALID',
        message: `the user pack in ${l.dir} takes the id '${l.id}' of a built-in pack with a manifest of its own, and is refused: a user pack can never replace a built-in pack (give it its own id; only the built-in pack's own manifest may be installed under its id)`,
      },
    });
  }
  return out;
}

/**
 * The usable pack with this id. A pack with this id that fails its checks is MODEL_INVALID with the
 * reasons, never passed over for another pack of the same id; NOT_FOUND only when no pack with this
 * id is installed (none, or files missing).
 */
export function pickModelPack(listings: readonly ModelPackListing[], id: string, version?: string): ModelPack {
  const pack = pickAnyModelPack(listings, id, version);
  if (isPipelinePack(pack)) throw new RadGroundError('BAD_REQUEST', `model pack '${id}' runs through its built-in ${pack.pipeline} pipeline`);
  return pack;
}

/** The usable pack with this id, generic or pipeline. */
export function pickAnyModelPack(listings: readonly ModelPackListing[], id: string, version?: string): ModelPack | PipelinePack {
  const candidates = listings.filter((l) => l.id === id && (version === undefined || l.version === version));
  const reasons = (ls: readonly ModelPackListing[]) => ls.map((l) => `${l.dir}: ${l.status}: ${l.error?.message ?? ''}`).join('; ');
  const invalid = candidates.filter((l) => l.status === 'invalid');
  if (invalid.length > 0) {
    throw new RadGroundError('MODEL_INVALID', `model pack '${id}'${version ? ` version ${version}` : ''} failed its checks (${reasons(invalid)})`, {
      modelId: id,
      packs: invalid.map((l) => ({ dir: l.dir, source: l.source, error: l.error })),
    });
  }
  const ok = candidates.find((l) => l.status === 'ok' && l.pack);
  if (ok?.pack) return ok.pack;
  const why = reasons(candidates);
  throw new RadGroundError('NOT_FOUND', `no usable model pack '${id}'${version ? ` version ${version}` : ''}${why ? ` (${why})` : ''}`);
}
