import type { RegionSummary } from '../../../../electron/shared/api/channels/analysis-channels';
import { useApi } from '../../api/api-client';
import type { LoadedLabelMap } from './label-lookup';

/** The label volume of a volume's latest regions plus their summaries (for sizes in the tooltip); null when there are none. */
export async function loadLabelMap(volumeId: string): Promise<{ map: LoadedLabelMap; regions: RegionSummary[] } | null> {
  const { api } = useApi();
  const [{ meta, data }, { regions }] = await Promise.all([api['regions.labelMap']({ volumeId }), api['regions.list']({ volumeId })]);
  if (meta.labels.length === 0) return null;
  return { map: { volumeId, meta, data }, regions };
}
