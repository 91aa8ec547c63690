import type { RegionSummary } from '../../../../electron/shared/api/channels/analysis-channels';
import { useApi } from '../../api/api-client';
import type { LoadedLabelMap } from './label-lookup';

/**
 * The label volume of a volume's latest regions plus their summaries (for sizes in the tooltip); null
 * when there are none. The label volume (one byte per voxel, built by the core) is asked for only
 * where the volume has regions: with none it would be all zeros.
 */
export async function loadLabelMap(volumeId: string): Promise<{ map: LoadedLabelMap; regions: RegionSummary[] } | null> {
  const { api } = useApi();
  const { regions } = await api['regions.list']({ volumeId });
  if (regions.length === 0) return null;
  const { meta, data } = await api['regions.labelMap']({ volumeId });
  if (meta.labels.length === 0) return null;
  return { map: { volumeId, meta, data }, regions };
}
