/**
 * Lengths and areas of shapes drawn on a 2D image, in the unit the image allows: millimetres where
 * the file gives PixelSpacing (in the patient), millimetres "at detector" where it gives only
 * ImagerPixelSpacing (the detector plane, so magnified by the beam's divergence), pixels otherwise.
 * Points are image coordinates: x the column, y the row, pixel centres at integers.
 */
export type ImageShape = 'length' | 'rectangle' | 'ellipse';
export type ImagePoint = [number, number];

export interface MeasureSpacing {
  /** Between rows (vertical pixel size), mm. */
  row: number;
  /** Between columns (horizontal pixel size), mm. */
  column: number;
  source: 'pixel-spacing' | 'imager-pixel-spacing';
}

export interface ImageMeasurement {
  shape: ImageShape;
  unit: 'mm' | 'px';
  /** Length of a line; for a rectangle/ellipse its width (x extent). */
  size: number;
  /** Height (y extent) of a rectangle/ellipse; null for a line. */
  size2: number | null;
  /** Area in mm² or px²; null for a line. */
  area: number | null;
  /** Qualifier shown after the values: null, 'at detector' or 'no pixel spacing'. */
  qualifier: 'at detector' | 'no pixel spacing' | null;
}

export function measureImageShape(shape: ImageShape, p1: ImagePoint, p2: ImagePoint, spacing: MeasureSpacing | null): ImageMeasurement {
  const sx = spacing?.column ?? 1;
  const sy = spacing?.row ?? 1;
  const dx = Math.abs(p2[0] - p1[0]) * sx;
  const dy = Math.abs(p2[1] - p1[1]) * sy;
  const qualifier = spacing === null ? 'no pixel spacing' : spacing.source === 'imager-pixel-spacing' ? 'at detector' : null;
  const unit = spacing === null ? 'px' : 'mm';
  if (shape === 'length') return { shape, unit, size: Math.hypot(dx, dy), size2: null, area: null, qualifier };
  const area = shape === 'rectangle' ? dx * dy : (Math.PI * dx * dy) / 4;
  return { shape, unit, size: dx, size2: dy, area, qualifier };
}

function number(v: number, unit: 'mm' | 'px'): string {
  return unit === 'mm' ? v.toFixed(1) : v.toFixed(0);
}

/** "41.2 mm", "41.2 mm (at detector)", "123 px (no pixel spacing)"; shapes add "area …". */
export function formatImageMeasurement(m: ImageMeasurement): string {
  const tail = m.qualifier ? ` (${m.qualifier})` : '';
  if (m.shape === 'length') return `${number(m.size, m.unit)} ${m.unit}${tail}`;
  const area = m.unit === 'mm' ? `${m.area!.toFixed(0)} mm²` : `${m.area!.toFixed(0)} px²`;
  return `${number(m.size, m.unit)} × ${number(m.size2!, m.unit)} ${m.unit}, area ${area}${tail}`;
}

/** True when the pixel centre (x, y) lies inside the shape (rectangle or ellipse) spanned by p1, p2. */
export function insideShape(shape: Exclude<ImageShape, 'length'>, p1: ImagePoint, p2: ImagePoint, x: number, y: number): boolean {
  const [x0, x1] = [Math.min(p1[0], p2[0]), Math.max(p1[0], p2[0])];
  const [y0, y1] = [Math.min(p1[1], p2[1]), Math.max(p1[1], p2[1])];
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  if (shape === 'rectangle') return true;
  const rx = (x1 - x0) / 2;
  const ry = (y1 - y0) / 2;
  if (rx === 0 || ry === 0) return true;
  const u = (x - (x0 + rx)) / rx;
  const v = (y - (y0 + ry)) / ry;
  return u * u + v * v <= 1;
}
