type Point = readonly [number, number];

/** Distance from p to the segment a-b (screen px). */
function segmentDistance(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/**
 * Whether a click at `p` (screen px) is on a shape drawn from `a` to `b` (screen px): near a length's
 * line, or inside (or on the edge of) a rectangle's or ellipse's box, within `tolerance` px.
 */
export function hitsShape(shape: 'length' | 'rectangle' | 'ellipse', a: Point, b: Point, p: Point, tolerance = 5): boolean {
  if (shape === 'length') return segmentDistance(p, a, b) <= tolerance;
  const x0 = Math.min(a[0], b[0]) - tolerance;
  const x1 = Math.max(a[0], b[0]) + tolerance;
  const y0 = Math.min(a[1], b[1]) - tolerance;
  const y1 = Math.max(a[1], b[1]) + tolerance;
  if (p[0] < x0 || p[0] > x1 || p[1] < y0 || p[1] > y1) return false;
  if (shape === 'rectangle') return true;
  const rx = (x1 - x0) / 2;
  const ry = (y1 - y0) / 2;
  const u = (p[0] - (x0 + rx)) / rx;
  const v = (p[1] - (y0 + ry)) / ry;
  return u * u + v * v <= 1;
}
