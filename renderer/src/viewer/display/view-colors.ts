import type { ViewId } from '../types';

/** Color coding of the views (3D Slicer's): axial red, coronal green, sagittal yellow. */
export const VIEW_COLORS: Record<ViewId, string> = {
  axial: '#e5534b',
  coronal: '#57ab5a',
  sagittal: '#d4b72c',
  volume: '#8a94a3',
};

export const VIEW_TITLES: Record<ViewId, string> = {
  axial: 'Axial',
  coronal: 'Coronal',
  sagittal: 'Sagittal',
  volume: '3D',
};

/** Color of highlighted regions (2D outlines and the 3D box). */
export const HIGHLIGHT_COLOR = '#ffcc1a';
/** Color of length measurements. */
export const MEASUREMENT_COLOR = '#4aa3ff';
