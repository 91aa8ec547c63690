/**
 * Placement of a 2D image in its viewport: fitted (whole image visible, centred), then zoomed about
 * a point and panned. Image coordinates: x the column, y the row, pixel centres at integers (pixel i
 * covers [i - 0.5, i + 0.5]). `aspect` is the height/width of one pixel (row spacing / column
 * spacing), so anisotropic pixels keep their true shape.
 */
export interface ImageView {
  zoom: number;
  /** CSS px, added after fitting and centring. */
  pan: [number, number];
}

export interface Placement {
  /** Screen px per image pixel, horizontally and vertically. */
  sx: number;
  sy: number;
  /** Screen position of the image's left/top edge (x = -0.5, y = -0.5). */
  left: number;
  top: number;
}

export const MIN_ZOOM = 0.05;
export const MAX_ZOOM = 40;

export function placeImage(viewport: { width: number; height: number }, image: { columns: number; rows: number; aspect: number }, view: ImageView): Placement {
  const fit = Math.min(viewport.width / image.columns, viewport.height / (image.rows * image.aspect));
  const sx = fit * view.zoom;
  const sy = sx * image.aspect;
  return {
    sx,
    sy,
    left: (viewport.width - image.columns * sx) / 2 + view.pan[0],
    top: (viewport.height - image.rows * sy) / 2 + view.pan[1],
  };
}

export function screenToImage(p: Placement, x: number, y: number): [number, number] {
  return [(x - p.left) / p.sx - 0.5, (y - p.top) / p.sy - 0.5];
}

export function imageToScreen(p: Placement, x: number, y: number): [number, number] {
  return [p.left + (x + 0.5) * p.sx, p.top + (y + 0.5) * p.sy];
}

/** The view zoomed by `factor` about the screen point (x, y): the image point under it stays there. */
export function zoomAbout(
  viewport: { width: number; height: number },
  image: { columns: number; rows: number; aspect: number },
  view: ImageView,
  factor: number,
  x: number,
  y: number,
): ImageView {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom * factor));
  const before = placeImage(viewport, image, view);
  const centred = placeImage(viewport, image, { zoom, pan: [0, 0] });
  const f = zoom / view.zoom;
  const left = x - (x - before.left) * f;
  const top = y - (y - before.top) * f;
  return { zoom, pan: [left - centred.left, top - centred.top] };
}
