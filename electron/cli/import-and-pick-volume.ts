import type { AppCore } from '../core/app-core';
import { RadGroundError } from '../core/errors/radground-error';
import { pickReadingVolume } from '../shared/geometry/reading-volume';
import { call } from './with-core';

/** Imports a path (idempotent) and returns the volume a reader would start on: CT first, most slices. */
export async function importAndPickVolume(core: AppCore, path: string): Promise<string> {
  const summary = await call(core, 'studies.import', { paths: [path] });
  const picked = pickReadingVolume(summary.volumes);
  if (!picked) {
    const why = summary.rejected.slice(0, 3).map((r) => `${r.path}: ${r.reason}`).join('; ');
    throw new RadGroundError('UNSUPPORTED_INPUT', `no volume could be built from ${path}${why ? ` (${why})` : ''}`);
  }
  return picked.volumeId;
}
