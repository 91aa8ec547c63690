/**
 * Voxels of one axial slice inside a closed outline given in (fractional) column/row indices:
 * pixel centres inside the polygon (even-odd scanline rule) plus the pixels the outline's vertices
 * fall on, so that an outline drawn on its boundary pixels (LIDC edgeMap) keeps them, and a
 * single-point mark is one pixel. Returns in-slice indices j*nx + i, ascending, clipped to the slice.
 */
export function fillPolygon(xy: readonly number[], nx: number, ny: number): number[] {
  const n = xy.length / 2;
  const inside = new Set<number>();
  const put = (i: number, j: number): void => {
    if (i >= 0 && i < nx && j >= 0 && j < ny) inside.add(j * nx + i);
  };
  for (let p = 0; p < n; p++) put(Math.round(xy[2 * p]!), Math.round(xy[2 * p + 1]!));
  if (n >= 3) {
    let minY = Infinity;
    let maxY = -Infinity;
    for (let p = 0; p < n; p++) {
      minY = Math.min(minY, xy[2 * p + 1]!);
      maxY = Math.max(maxY, xy[2 * p + 1]!);
    }
    for (let j = Math.max(0, Math.ceil(minY)); j <= Math.min(ny - 1, Math.floor(maxY)); j++) {
      const xs: number[] = [];
      for (let p = 0; p < n; p++) {
        const x0 = xy[2 * p]!, y0 = xy[2 * p + 1]!;
        const x1 = xy[2 * ((p + 1) % n)]!, y1 = xy[2 * ((p + 1) % n) + 1]!;
        // Half-open rule: an edge counts for rows in [min y, max y).
        if ((y0 <= j && y1 > j) || (y1 <= j && y0 > j)) xs.push(x0 + ((j - y0) * (x1 - x0)) / (y1 - y0));
      }
      xs.sort((a, b) => a - b);
      for (let q = 0; q + 1 < xs.length; q += 2) {
        for (let i = Math.max(0, Math.ceil(xs[q]!)); i <= Math.min(nx - 1, Math.floor(xs[q + 1]!)); i++) put(i, j);
      }
    }
  }
  return [...inside].sort((a, b) => a - b);
}

/** Volume indices of per-slice in-slice indices: k*nx*ny + s, ascending. */
export function sliceIndicesToVolume(perSlice: ReadonlyMap<number, readonly number[]>, nx: number, ny: number): Int32Array {
  const ks = [...perSlice.keys()].sort((a, b) => a - b);
  const out: number[] = [];
  for (const k of ks) {
    const set = [...new Set(perSlice.get(k))].sort((a, b) => a - b);
    for (const s of set) out.push(k * nx * ny + s);
  }
  return Int32Array.from(out);
}
