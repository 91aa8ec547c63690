/** 4-connected components of one slice (k) of a mask, with their area, index sums (centroid) and whether they touch the image border. */
export interface SliceComponents {
  labels: Int32Array;
  count: number;
  area: Int32Array;
  sumI: Float64Array;
  sumJ: Float64Array;
  touchesBorder: Uint8Array;
}

export function labelSlice(mask: Uint8Array, nx: number, ny: number, k: number, queue: Int32Array = new Int32Array(nx * ny)): SliceComponents {
  const plane = nx * ny;
  const base = k * plane;
  const labels = new Int32Array(plane);
  const area: number[] = [0];
  const sumI: number[] = [0];
  const sumJ: number[] = [0];
  const border: number[] = [0];
  let count = 0;
  for (let s = 0; s < plane; s++) {
    if (!mask[base + s] || labels[s]) continue;
    count++;
    labels[s] = count;
    let head = 0;
    let tail = 0;
    queue[tail++] = s;
    let si = 0;
    let sj = 0;
    let touches = 0;
    while (head < tail) {
      const q = queue[head++]!;
      const i = q % nx;
      const j = (q - i) / nx;
      si += i;
      sj += j;
      if (i === 0 || j === 0 || i === nx - 1 || j === ny - 1) touches = 1;
      if (i > 0 && mask[base + q - 1] && !labels[q - 1]) { labels[q - 1] = count; queue[tail++] = q - 1; }
      if (i < nx - 1 && mask[base + q + 1] && !labels[q + 1]) { labels[q + 1] = count; queue[tail++] = q + 1; }
      if (j > 0 && mask[base + q - nx] && !labels[q - nx]) { labels[q - nx] = count; queue[tail++] = q - nx; }
      if (j < ny - 1 && mask[base + q + nx] && !labels[q + nx]) { labels[q + nx] = count; queue[tail++] = q + nx; }
    }
    area.push(tail);
    sumI.push(si);
    sumJ.push(sj);
    border.push(touches);
  }
  return {
    labels,
    count,
    area: Int32Array.from(area),
    sumI: Float64Array.from(sumI),
    sumJ: Float64Array.from(sumJ),
    touchesBorder: Uint8Array.from(border),
  };
}
