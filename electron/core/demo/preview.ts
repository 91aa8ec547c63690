/**
 * Developer preview: renders the demo exams and writes axial/coronal/sagittal PNGs to a folder
 * (default /tmp/radground-demo-preview). Run: npx tsx electron/core/demo/preview.ts [outDir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeGreyPng, windowToGrey } from './png';
import { bodyToWorld } from './exam-spec';
import { renderPhantom } from './render';

const outDir = process.argv[2] ?? '/tmp/radground-demo-preview';
mkdirSync(outDir, { recursive: true });

for (const role of ['current', 'prior'] as const) {
  const t0 = performance.now();
  const r = renderPhantom(role);
  const ms = performance.now() - t0;
  const { scalars, dims, spacing, origin } = r.volume;
  const [nx, ny, nz] = dims;
  console.log(`${role}: ${nx}x${ny}x${nz} rendered in ${ms.toFixed(0)} ms; lungs ${JSON.stringify(r.lungVolumesMl)}`);
  const zs = [110, 60, 20, -20, -60, -100];
  for (const bodyZ of zs) {
    const k = Math.round((bodyZ + r.exam.pose.translation[2] - origin[2]) / spacing[2]);
    if (k < 0 || k >= nz) continue;
    const slice = scalars.subarray(k * nx * ny, (k + 1) * nx * ny);
    writeFileSync(join(outDir, `${role}-axial-z${bodyZ}-lung.png`), encodeGreyPng(windowToGrey(slice, -600, 1500), nx, ny));
    writeFileSync(join(outDir, `${role}-axial-z${bodyZ}-mediastinum.png`), encodeGreyPng(windowToGrey(slice, 40, 400), nx, ny));
  }
  // One axial slice through each lesion.
  for (const lesion of r.model.lesions) {
    const w = bodyToWorld(r.exam, lesion.centre);
    const k = Math.round((w[2] - origin[2]) / spacing[2]);
    const slice = scalars.subarray(k * nx * ny, (k + 1) * nx * ny);
    writeFileSync(join(outDir, `${role}-lesion-${lesion.id}-${lesion.lobe}.png`), encodeGreyPng(windowToGrey(slice, -600, 1500), nx, ny));
  }
  // Coronal through the hila and sagittal through the right lung, stretched to square pixels.
  const reslice = (name: string, width: number, widthMm: number, get: (u: number, k: number) => number) => {
    const height = Math.round((nz * spacing[2]) / (widthMm / width));
    const img = new Float32Array(width * height);
    for (let v = 0; v < height; v++) {
      const kz = (height - 1 - v) * (nz - 1) / (height - 1);
      const k = Math.round(kz);
      for (let u = 0; u < width; u++) img[v * width + u] = get(u, k);
    }
    writeFileSync(join(outDir, `${role}-${name}.png`), encodeGreyPng(windowToGrey(img, -600, 1500), width, height));
  };
  const jCor = Math.round((15 + r.exam.pose.translation[1] - origin[1]) / spacing[1]);
  reslice('coronal', nx, nx * spacing[0], (i, k) => scalars[(k * ny + jCor) * nx + i]!);
  const iSag = Math.round((-75 + r.exam.pose.translation[0] - origin[0]) / spacing[0]);
  reslice('sagittal-right', ny, ny * spacing[1], (j, k) => scalars[(k * ny + j) * nx + iSag]!);
  const iSagL = Math.round((85 + r.exam.pose.translation[0] - origin[0]) / spacing[0]);
  reslice('sagittal-left', ny, ny * spacing[1], (j, k) => scalars[(k * ny + j) * nx + iSagL]!);
}
console.log(`wrote previews to ${outDir}`);
