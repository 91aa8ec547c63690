import type { StudiesService, VolumesService } from '../../services';
import { voxelDataTypeOf } from '../../../shared/imaging/voxel-arrays';
import type { ApiHandlers } from '../dispatch';

type StudyChannel =
  | 'studies.list'
  | 'studies.get'
  | 'studies.import'
  | 'volumes.getGeometry'
  | 'volumes.get'
  | 'volumes.getSlice'
  | 'volumes.getChunk'
  | 'volumes.thumbnail'
  | 'volumes.display';

export function createStudyHandlers({ studies, volumes }: { studies: StudiesService; volumes: VolumesService }): Pick<ApiHandlers, StudyChannel> {
  return {
    'studies.list': async (query) => studies.list(query),
    'studies.get': async ({ studyInstanceUid }) => studies.get(studyInstanceUid),
    'studies.import': async ({ paths }) => studies.import(paths),
    'volumes.getGeometry': async ({ volumeId }) => volumes.describe(volumeId),
    'volumes.display': async ({ volumeId }) => volumes.display(volumeId),
    'volumes.thumbnail': async ({ volumeId }) => {
      const { png, width, height } = await volumes.thumbnail(volumeId);
      return { meta: { width, height, mimeType: 'image/png' as const }, data: png };
    },
    'volumes.get': async ({ volumeId }) => {
      const { volume, meta } = await volumes.loadWithMeta(volumeId);
      return { meta, data: bytesOf(volume.scalars) };
    },
    'volumes.getSlice': async ({ volumeId, k }) => {
      const { slice, geometry } = await volumes.previewSlice(volumeId, k);
      return { meta: { ...geometry, k: slice.k, dataType: voxelDataTypeOf(slice.pixels), sliceWindow: slice.window }, data: bytesOf(slice.pixels) };
    },
    'volumes.getChunk': async ({ volumeId, start, count }, context) => {
      const { scalars, release, ...meta } = await volumes.chunk(volumeId, start, count);
      // HTTP writes just these bytes; a structured clone (IPC) would carry the whole volume's
      // buffer behind a view, so IPC gets a copy of the chunk alone.
      const bytes = bytesOf(scalars);
      if (context.transport === 'ipc') {
        const copy = bytes.slice();
        release?.();
        return { meta, data: copy };
      }
      // The HTTP route hands a chunk decoded by itself back once its answer is sent (api-routes.ts).
      const answer = { meta, data: bytes };
      return context.transport === 'http' && release ? Object.assign(answer, { release }) : answer;
    },
  };
}

/** The bytes of typed voxels, viewed without copying. */
function bytesOf(a: ArrayBufferView): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}
