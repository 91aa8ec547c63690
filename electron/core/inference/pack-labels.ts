import type { LabelSpec, RegionsFromLabelsOptions } from '../regions/regions-from-label-volume';
import type { PackManifest } from './pack-manifest';

/**
 * What each value of a pack's label volume means (see SegmentationResult.labelVolume): the channel
 * index for argmax packs, 1 + channel for sigmoid packs.
 */
export function labelsOfPack(manifest: PackManifest): LabelSpec[] {
  const offset = manifest.postprocessing.decision === 'argmax' ? 0 : 1;
  return manifest.outputs.map((o) => ({
    value: o.channel + offset,
    label: o.label,
    kind: o.kind,
    code: o.code ?? null,
    laterality: o.laterality ?? null,
  }));
}

/** The region options a pack's postprocessing asks for. */
export function regionOptionsOfPack(manifest: PackManifest): Pick<RegionsFromLabelsOptions, 'connectedComponents' | 'minSizeVoxels'> {
  return { connectedComponents: manifest.postprocessing.connectedComponents, minSizeVoxels: manifest.postprocessing.minSizeVoxels };
}
