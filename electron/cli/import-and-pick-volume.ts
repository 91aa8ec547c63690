import type { AppCore } from '../core/app-core';
import { RadGroundError } from '../core/errors/radground-error';
import { call } from './with-core';

/** Imports a path (idempotent) and returns the volume a reader would start on: CT first, most slices. */
export async function importAndPickVolume(core: AppCore, path: string): Promise<string> {
  const summary = await call(core, 'studies.import', { paths: [path] });
  const ranked = [...summary.volumes].sort((a, b) => Number(b.modality === 'CT') - Number(a.modality === 'CT') || b.dims[2] - a.dims[2]);
  if (!ranked[0]) {
    const why = summary.rejected.slice(0, 3).map((r) => `${r.path}: ${r.reason}`).join('; ');
    throw new RadGroundError('UNSUPPORTED_INPUT', `no volume could be built from ${path}${why ? ` (${why})` : ''}`);
  }
  return ranked[0].volumeId;
}
