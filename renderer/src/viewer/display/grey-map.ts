/** A color transfer function node: [x, r, g, b], x and the color in 0..1. */
export type ColorNode = [number, number, number, number];

/**
 * The grey map of the 2D views over the window (x = 0 at the window's low end, 1 at its high
 * end). MONOCHROME1 images (`invertForDisplay`) are shown inverted: low values white.
 */
export function greyMapNodes(invert: boolean): ColorNode[] {
  return invert
    ? [
        [0, 1, 1, 1],
        [1, 0, 0, 0],
      ]
    : [
        [0, 0, 0, 0],
        [1, 1, 1, 1],
      ];
}
