/** 2D convex hull, shared by region measurements and the analysis' shape features. */

function cross(ox: number, oy: number, ax: number, ay: number, bx: number, by: number): number {
  return (ax - ox) * (by - oy) - (ay - oy) * (bx - ox);
}

/** Convex hull (Andrew's monotone chain) of points given as flat [x0, y0, x1, y1, ...]; returns flat hull vertices. */
export function convexHull2d(points: number[]): number[] {
  const n = points.length / 2;
  if (n <= 2) return points.slice();
  const order = Array.from({ length: n }, (_, q) => q).sort((a, b) => points[2 * a]! - points[2 * b]! || points[2 * a + 1]! - points[2 * b + 1]!);
  const hull: number[] = [];
  const build = (seq: number[]): void => {
    const start = hull.length;
    for (const q of seq) {
      const x = points[2 * q]!;
      const y = points[2 * q + 1]!;
      while (hull.length - start >= 4) {
        const l = hull.length;
        if (cross(hull[l - 4]!, hull[l - 3]!, hull[l - 2]!, hull[l - 1]!, x, y) > 0) break;
        hull.length -= 2;
      }
      hull.push(x, y);
    }
    hull.length -= 2; // the last point is the first of the other chain
  };
  build(order);
  build(order.slice().reverse());
  return hull;
}
