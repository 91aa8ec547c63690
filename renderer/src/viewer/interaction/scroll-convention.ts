import { axisDirection } from '../../../../electron/shared/geometry/grid';
import type { Axis } from '../geometry/slice-orientation';
import type { GridGeometry, SliceViewId, Vec3 } from '../types';

/**
 * Where "wheel down" (and ↓, →, PageDown) moves the slice of each 2D view, in patient LPS
 * directions. Default, as most PACS: toward the feet in axial (−z), posterior in coronal (+y), to
 * the patient's left in sagittal (+x). 'reversed' swaps every view (wheel down = head, anterior,
 * right). The slice's own index order (which way the images were acquired) does not matter.
 */
export type ScrollConvention = 'default' | 'reversed';

export const WHEEL_DOWN_TOWARD: Readonly<Record<SliceViewId, Vec3>> = {
  axial: [0, 0, -1],
  coronal: [0, 1, 0],
  sagittal: [1, 0, 0],
};

/**
 * The index steps along the view's slice axis for `delta` wheel/arrow steps (positive: wheel down):
 * the sign makes the move go toward WHEEL_DOWN_TOWARD[view] (or away, reversed). An axis
 * perpendicular to that direction (an odd oblique) keeps the index order.
 */
export function sliceStepsForScroll(grid: Pick<GridGeometry, 'direction'>, view: SliceViewId, axis: Axis, delta: number, convention: ScrollConvention): number {
  const d = axisDirection(grid, axis);
  const t = WHEEL_DOWN_TOWARD[view];
  const dot = d[0] * t[0] + d[1] * t[1] + d[2] * t[2];
  const sign = (Math.abs(dot) < 1e-6 || dot > 0 ? 1 : -1) * (convention === 'reversed' ? -1 : 1);
  return delta * sign;
}

const STORAGE_KEY = 'radground.scrollConvention';

/** The reader's setting (localStorage), 'default' when unset or unreadable. */
export function loadScrollConvention(storage: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null): ScrollConvention {
  try {
    return storage?.getItem(STORAGE_KEY) === 'reversed' ? 'reversed' : 'default';
  } catch {
    return 'default';
  }
}

export function saveScrollConvention(value: ScrollConvention, storage: Pick<Storage, 'setItem'> | null = globalThis.localStorage ?? null): void {
  try {
    storage?.setItem(STORAGE_KEY, value);
  } catch {
    // Private mode or no storage: the setting lasts for this session only.
  }
}
