/** 3D volume rendering presets for CT (values in HU). */
export type VolumePresetId = 'ct-lung' | 'ct-soft-tissue' | 'ct-bone';

export interface VolumePreset {
  id: VolumePresetId;
  label: string;
  /** [HU, r, g, b] nodes, colors 0..1, ascending HU. */
  color: [number, number, number, number][];
  /** [HU, opacity] nodes, ascending HU. */
  opacity: [number, number][];
  shade: boolean;
  ambient: number;
  diffuse: number;
  specular: number;
}

export const VOLUME_PRESETS: readonly VolumePreset[] = [
  {
    id: 'ct-lung',
    label: 'Lung',
    color: [
      [-1000, 0.3, 0.3, 1],
      [-600, 0, 0, 1],
      [-530, 0.13, 0.78, 0.07],
      [-460, 0.93, 1, 0.14],
      [-400, 0.88, 0.86, 0.4],
      [2952, 1, 0.3, 0.3],
    ],
    opacity: [
      [-1000, 0],
      [-600, 0],
      [-599, 0.15],
      [-400, 0.15],
      [-399, 0],
      [2952, 0],
    ],
    shade: true,
    ambient: 0.2,
    diffuse: 1,
    specular: 0,
  },
  {
    id: 'ct-soft-tissue',
    label: 'Soft tissue',
    color: [
      [-2048, 0, 0, 0],
      [-16, 0.73, 0.25, 0.3],
      [641, 0.9, 0.82, 0.56],
      [3071, 1, 1, 1],
    ],
    opacity: [
      [-2048, 0],
      [-16, 0],
      [641, 0.72],
      [3071, 0.71],
    ],
    shade: true,
    ambient: 0.1,
    diffuse: 0.9,
    specular: 0.2,
  },
  {
    id: 'ct-bone',
    label: 'Bone',
    color: [
      [-3024, 0, 0, 0],
      [143, 0.55, 0.25, 0.15],
      [166, 0.88, 0.6, 0.29],
      [214, 1, 1, 1],
      [420, 1, 0.94, 0.95],
      [3071, 0.83, 0.66, 1],
    ],
    opacity: [
      [-3024, 0],
      [143, 0],
      [166, 0.69],
      [214, 0.7],
      [420, 0.83],
      [3071, 0.8],
    ],
    shade: true,
    ambient: 0.2,
    diffuse: 1,
    specular: 0,
  },
];

export function volumePreset(id: VolumePresetId): VolumePreset {
  const p = VOLUME_PRESETS.find((v) => v.id === id);
  if (!p) throw new Error(`unknown volume preset ${id}`);
  return p;
}
