/**
 * End-to-end checks of the generated demo studies, read back with dicom-parser (independent of the
 * writer and of the project's importer): DICOM identity and geometry, CT numbers of the anatomy,
 * the planted lesions, the prior/current differences, determinism and ensureDemoStudies caching.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_GENERATOR_VERSION,
  encodeDemoSlice,
  ensureDemoStudies,
  MANIFEST_FILE,
  renderPhantom,
  sliceFileName,
  type DemoExamManifest,
  type DemoManifest,
} from '../../../electron/core/demo';
import { HEART_PARTS, vertebraY, vertebraZ } from '../../../electron/core/demo/landmarks';
import { LungGeometry } from '../../../electron/core/demo/lungs';
import { huAt, medianAround, readCtSeries, voxelOf, type ParsedSeries } from './support/read-ct-series';

type V3 = [number, number, number];

let dataDir: string;
let manifest: DemoManifest;
const series: Record<'current' | 'prior', ParsedSeries> = {} as never;
const lungs = new LungGeometry();

function toWorld(exam: DemoExamManifest, p: V3): V3 {
  const r = exam.pose.rotation;
  const t = exam.pose.translation;
  return ([0, 1, 2] as const).map((d) => r[d * 3]! * p[0] + r[d * 3 + 1]! * p[1] + r[d * 3 + 2]! * p[2] + t[d]) as V3;
}
function toBody(exam: DemoExamManifest, w: V3): V3 {
  const r = exam.pose.rotation;
  const d: V3 = [w[0] - exam.pose.translation[0], w[1] - exam.pose.translation[1], w[2] - exam.pose.translation[2]];
  return [0, 1, 2].map((c) => r[c]! * d[0] + r[3 + c]! * d[1] + r[6 + c]! * d[2]) as V3;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'radground-demo-'));
  manifest = await ensureDemoStudies(dataDir);
  series.current = readCtSeries(join(dataDir, 'demo', 'current'));
  series.prior = readCtSeries(join(dataDir, 'demo', 'prior'));
});

afterAll(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe.each(['current', 'prior'] as const)('%s exam, read back with dicom-parser', (role) => {
  const exam = () => manifest.exams[role];

  it('has one CT Image Storage file per slice with the expected identity', () => {
    const s = series[role];
    expect(s.slices.length).toBe(exam().fileCount);
    expect(s.slices.length).toBe(exam().dims[2]);
    expect(s.slices.length).toBeGreaterThanOrEqual(100);
    expect(s.slices.length).toBeLessThanOrEqual(130);
    for (const sl of s.slices) {
      const ds = sl.dataSet;
      expect(sl.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
      expect(sl.sopClassUid).toBe('1.2.840.10008.5.1.4.1.1.2');
      expect(ds.string('x00080060')).toBe('CT');
      expect(ds.string('x00100010')).toBe('DEMO^PHANTOM');
      expect(ds.string('x00100020')).toBe('RG-DEMO-0001');
      expect(ds.string('x0020000d')).toBe(exam().studyInstanceUid);
      expect(ds.string('x0020000e')).toBe(exam().seriesInstanceUid);
      expect(ds.string('x00200052')).toBe(exam().frameOfReferenceUid);
      expect(ds.string('x00080020')).toBe(exam().studyDate);
      expect(ds.string('x00081030')).toBe('CT CHEST (DEMO)');
      expect(ds.string('x00180015')).toBe('CHEST');
      expect(ds.string('x00080070')).toBe('RadGround');
      expect(ds.string('x00081090')).toBe('Synthetic phantom');
      expect(ds.string('x00185100')).toBe('HFS');
      expect(ds.floatString('x00180060')).toBeGreaterThan(0); // KVP
      expect(ds.floatString('x00281052')).toBe(-1024);
      expect(ds.floatString('x00281053')).toBe(1);
      expect(ds.floatString('x00281050')).toBe(-600);
      expect(ds.floatString('x00281051')).toBe(1500);
      expect(ds.uint16('x00280100')).toBe(16);
      expect(ds.string('x00280004')).toBe('MONOCHROME2');
      expect(sl.rows).toBe(512);
      expect(sl.columns).toBe(512);
    }
  });

  it('has an axial grid: constant x/y, monotonic z at the slice spacing, sensible instance numbers', () => {
    const s = series[role];
    const e = exam();
    expect(s.spacing[0]).toBeCloseTo(e.spacing[0], 5);
    expect(s.spacing[0]).toBeGreaterThan(0.69);
    expect(s.spacing[0]).toBeLessThan(0.8);
    expect(s.origin[0]).toBeCloseTo(e.origin[0], 4);
    expect(s.origin[2]).toBeCloseTo(e.origin[2], 4);
    for (const [k, sl] of s.slices.entries()) {
      expect(sl.orientation).toEqual([1, 0, 0, 0, 1, 0]);
      expect(sl.position[0]).toBe(s.origin[0]);
      expect(sl.position[1]).toBe(s.origin[1]);
      expect(sl.dataSet.floatString('x00180050')).toBe(e.sliceThicknessMm);
      if (k > 0) expect(sl.position[2] - s.slices[k - 1]!.position[2]).toBeCloseTo(e.spacing[2], 3);
      // Numbered from the top of the chest.
      expect(sl.instanceNumber).toBe(s.slices.length - k);
    }
  });

  it('has plausible CT numbers: air, lung parenchyma, heart, spine', () => {
    const s = series[role];
    const e = exam();
    const kMid = Math.floor(s.dims[2] / 2);
    // Air in a corner of the field of view, outside the body.
    const air: number[] = [];
    for (let j = 5; j < 40; j++) for (let i = 5; i < 40; i++) air.push(huAt(s, i, j, kMid));
    air.sort((a, b) => a - b);
    expect(Math.abs(air[air.length >> 1]! + 1000)).toBeLessThanOrEqual(5);
    const mean = air.reduce((a, b) => a + b, 0) / air.length;
    const sd = Math.sqrt(air.reduce((a, b) => a + (b - mean) ** 2, 0) / air.length);
    expect(sd).toBeGreaterThan(7);
    expect(sd).toBeLessThan(16);

    // Lung: the deepest point of each lung at mid-height (found from the geometry, not hard-coded).
    for (const side of ['right', 'left'] as const) {
      let best: V3 = [0, 0, 0];
      let bestD = 0;
      for (let y = -80; y <= 80; y += 4)
        for (let x = -140; x <= 140; x += 4) {
          const d = lungs.sdf(side, x, y, 20);
          if (d < bestD) {
            bestD = d;
            best = [x, y, 20];
          }
        }
      expect(bestD).toBeLessThan(-20);
      const median = medianAround(s, toWorld(e, best), 7, 7, 1);
      expect(median).toBeGreaterThan(-890);
      expect(median).toBeLessThan(-810);
    }

    const heart = medianAround(s, toWorld(e, HEART_PARTS[0]!.centre), 3, 3, 0);
    expect(heart).toBeGreaterThan(20);
    expect(heart).toBeLessThan(60);

    const z6 = vertebraZ(6);
    const spine = medianAround(s, toWorld(e, [0, vertebraY(z6), z6]), 2, 2, 0);
    expect(spine).toBeGreaterThan(300);
  });

  it('shows every planted lesion as solid at its centre, with parenchyma two diameters away', () => {
    const s = series[role];
    const e = exam();
    for (const lesion of e.lesions) {
      const c = voxelOf(s, lesion.centre);
      expect(c, lesion.id).not.toBeNull();
      expect(huAt(s, c![0], c![1], c![2]), `${lesion.id} centre`).toBeGreaterThan(-100);

      const body = toBody(e, lesion.centre);
      const dirs: V3[] = [];
      for (const dx of [-1, 0, 1]) for (const dy of [-1, 0, 1]) for (const dz of [-1, 0, 1]) if (dx || dy || dz) dirs.push([dx, dy, dz]);
      const away: number[] = [];
      for (const d of dirs) {
        const n = Math.hypot(...d);
        const p: V3 = ([0, 1, 2] as const).map((a) => body[a] + (d[a] / n) * 2 * lesion.diameterMm) as V3;
        if (lungs.sdf(lesion.side, p[0], p[1], p[2]) > -3) continue; // keep points well inside the same lung
        const v = voxelOf(s, toWorld(e, p));
        if (v) away.push(huAt(s, v[0], v[1], v[2]));
      }
      expect(away.length, `${lesion.id}: in-lung points around it`).toBeGreaterThanOrEqual(4);
      away.sort((a, b) => a - b);
      expect(away[away.length >> 1], `${lesion.id}: median two diameters away`).toBeLessThan(-700);
    }
  });

  it('puts left-lung lesions on the patient left (+x in LPS) of the midline seen in the image, and nothing at their mirror image', () => {
    const s = series[role];
    const [nx, ny] = s.dims;
    for (const lesion of exam().lesions) {
      const c = voxelOf(s, lesion.centre)!;
      // Midline: x centroid of the body (everything denser than -500 HU, minus the table rows).
      let sum = 0;
      let count = 0;
      for (let j = 0; j < ny; j++) {
        const y = s.origin[1] + j * s.spacing[1];
        if (y > 130) continue;
        for (let i = 0; i < nx; i++) {
          if (huAt(s, i, j, c[2]) > -500) {
            sum += s.origin[0] + i * s.spacing[0];
            count++;
          }
        }
      }
      const midline = sum / count;
      if (lesion.side === 'left') expect(lesion.centre[0] - midline, lesion.id).toBeGreaterThan(30);
      else expect(midline - lesion.centre[0], lesion.id).toBeGreaterThan(30);
      expect(lesion.lobe.startsWith(lesion.side === 'left' ? 'L' : 'R')).toBe(true);
      // The image agrees: solid at the lesion, aerated lung at its mirror image across the midline.
      const mirror: V3 = [2 * midline - lesion.centre[0], lesion.centre[1], lesion.centre[2]];
      expect(medianAround(s, lesion.centre, 1, 1, 0), lesion.id).toBeGreaterThan(-100);
      expect(medianAround(s, mirror, 1, 1, 0), `${lesion.id} mirrored`).toBeLessThan(-500);
    }
  });

  it('reports lung volumes consistent with the low-density voxels in the images', () => {
    const s = series[role];
    const [nx, ny, nz] = s.dims;
    const v = exam().lungVolumesMl;
    expect(v.right).toBeGreaterThan(v.left);
    expect(v.total).toBeGreaterThan(3500);
    expect(v.total).toBeLessThan(7000);
    // Voxels below -500 HU not connected (in-plane) to the image border: lungs, airways, gastric air.
    let inside = 0;
    const seen = new Uint8Array(nx * ny);
    const stack: number[] = [];
    for (let k = 0; k < nz; k++) {
      seen.fill(0);
      const low = (p: number) => huAt(s, p % nx, Math.floor(p / nx), k) < -500;
      for (let i = 0; i < nx; i++) stack.push(i, (ny - 1) * nx + i);
      for (let j = 0; j < ny; j++) stack.push(j * nx, j * nx + nx - 1);
      while (stack.length) {
        const p = stack.pop()!;
        if (seen[p] || !low(p)) continue;
        seen[p] = 1;
        const i = p % nx;
        if (i > 0) stack.push(p - 1);
        if (i < nx - 1) stack.push(p + 1);
        if (p >= nx) stack.push(p - nx);
        if (p < nx * (ny - 1)) stack.push(p + nx);
      }
      for (let p = 0; p < nx * ny; p++) if (!seen[p] && low(p)) inside++;
    }
    const ml = (inside * s.spacing[0] * s.spacing[1] * s.spacing[2]) / 1000;
    expect(ml / v.total).toBeGreaterThan(0.9);
    expect(ml / v.total).toBeLessThan(1.12);
  });
});

describe('prior versus current', () => {
  it('is the same patient in a different study, frame of reference and series', () => {
    const c = manifest.exams.current;
    const p = manifest.exams.prior;
    expect(p.studyInstanceUid).not.toBe(c.studyInstanceUid);
    expect(p.seriesInstanceUid).not.toBe(c.seriesInstanceUid);
    expect(p.frameOfReferenceUid).not.toBe(c.frameOfReferenceUid);
    expect(Number(c.studyDate.slice(0, 4)) - Number(p.studyDate.slice(0, 4))).toBe(1);
    expect(c.studyDate.slice(4)).toBe(p.studyDate.slice(4));
    const ids = [...series.current.slices, ...series.prior.slices].map((s) => s.sopInstanceUid);
    expect(new Set(ids).size).toBe(ids.length);
    for (const uid of [c.studyInstanceUid, c.seriesInstanceUid, c.frameOfReferenceUid, ...ids]) {
      expect(uid).toMatch(/^2\.25\.[1-9]\d*$/);
      expect(uid.length).toBeLessThanOrEqual(64);
    }
    expect(series.prior.slices[0]!.dataSet.string('x00100020')).toBe(series.current.slices[0]!.dataSet.string('x00100020'));
    expect(p.dims[2]).not.toBe(c.dims[2]);
  });

  it('has the same lesions, each smaller in the prior, as measured in the images', () => {
    const solidVolumeMl = (s: ParsedSeries, centre: V3, radius: number) => {
      const c = voxelOf(s, centre)!;
      const r: V3 = [Math.ceil(radius / s.spacing[0]), Math.ceil(radius / s.spacing[1]), Math.ceil(radius / s.spacing[2])];
      let n = 0;
      for (let k = c[2] - r[2]; k <= c[2] + r[2]; k++)
        for (let j = c[1] - r[1]; j <= c[1] + r[1]; j++)
          for (let i = c[0] - r[0]; i <= c[0] + r[0]; i++) {
            const dx = (i - c[0]) * s.spacing[0];
            const dy = (j - c[1]) * s.spacing[1];
            const dz = (k - c[2]) * s.spacing[2];
            if (dx * dx + dy * dy + dz * dz <= radius * radius && huAt(s, i, j, k) > -400) n++;
          }
      return (n * s.spacing[0] * s.spacing[1] * s.spacing[2]) / 1000;
    };
    const current = manifest.exams.current.lesions;
    const prior = manifest.exams.prior.lesions;
    expect(prior.map((l) => l.id)).toEqual(current.map((l) => l.id));
    expect(current.filter((l) => l.kind === 'mass').length).toBe(1);
    for (const cur of current) {
      const pri = prior.find((l) => l.id === cur.id)!;
      expect(pri.lobe).toBe(cur.lobe);
      expect(pri.diameterMm).toBeLessThan(cur.diameterMm);
      if (cur.kind === 'mass') expect(pri.diameterMm).toBeLessThanOrEqual(cur.diameterMm / 2);
      const radius = (cur.diameterMm / 2) * 1.1 + 1.5;
      const vCur = solidVolumeMl(series.current, cur.centre, radius);
      const vPri = solidVolumeMl(series.prior, pri.centre, radius);
      expect(vPri, cur.id).toBeLessThan(vCur);
      if (cur.diameterMm >= 8) {
        const sphere = (Math.PI / 6) * cur.diameterMm ** 3 / 1000;
        expect(vCur / sphere, `${cur.id} measured/nominal volume`).toBeGreaterThan(0.7);
        expect(vCur / sphere, `${cur.id} measured/nominal volume`).toBeLessThan(1.5);
      }
    }
  });

  it('was positioned differently: same body point, different scanner coordinates', () => {
    const c = manifest.exams.current.lesions[0]!.centre;
    const p = manifest.exams.prior.lesions[0]!.centre;
    expect(Math.hypot(c[0] - p[0], c[1] - p[1])).toBeGreaterThan(2);
    const r = manifest.exams.prior.pose.rotation;
    const angle = (Math.acos(Math.min(1, (r[0]! + r[4]! + r[8]! - 1) / 2)) * 180) / Math.PI;
    expect(angle).toBeGreaterThan(0.5);
    expect(angle).toBeLessThan(3);
  });
});

describe('in-memory volume', () => {
  it('renderPhantom gives exactly the voxels and bytes stored in the DICOM files', () => {
    const render = renderPhantom('prior');
    const v = render.volume;
    const s = series.prior;
    expect(v.dims).toEqual(s.dims);
    expect(v.units).toBe('HU');
    expect(v.frameOfReferenceUid).toBe(manifest.exams.prior.frameOfReferenceUid);
    expect(v.sopInstanceUids).toEqual(s.slices.map((sl) => sl.sopInstanceUid));
    expect(v.origin[2]).toBeCloseTo(s.origin[2], 4);
    let diff = 0;
    for (let i = 0; i < v.scalars.length; i++) if (v.scalars[i] !== s.hu[i]) diff++;
    expect(diff).toBe(0);
    // Regenerating a file from the same seed gives the same bytes (UIDs, header and pixels).
    const k = 40;
    const file = join(dataDir, 'demo', 'prior', sliceFileName(render.exam, k));
    expect(encodeDemoSlice(render, k).equals(readFileSync(file))).toBe(true);
  });
});

describe('ensureDemoStudies', () => {
  it('does not regenerate up-to-date data', async () => {
    const demo = join(dataDir, 'demo');
    const sample = join(demo, 'current', 'CT0060.dcm');
    const before = statSync(sample).mtimeMs;
    const manifestBefore = statSync(join(demo, MANIFEST_FILE)).mtimeMs;
    const started = performance.now();
    const again = await ensureDemoStudies(dataDir);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(again).toEqual(manifest);
    expect(statSync(sample).mtimeMs).toBe(before);
    expect(statSync(join(demo, MANIFEST_FILE)).mtimeMs).toBe(manifestBefore);
  });

  it('regenerates, byte-identically, data from another generator version or with files missing', async () => {
    const other = mkdtempSync(join(tmpdir(), 'radground-demo-thick-'));
    try {
      const options = { sliceSpacingMm: 10 };
      const first = await ensureDemoStudies(other, options);
      expect(first.exams.current.fileCount).toBeLessThan(40);
      expect(first.exams.current.seriesInstanceUid).not.toBe(manifest.exams.current.seriesInstanceUid);
      expect(first.exams.current.studyInstanceUid).toBe(manifest.exams.current.studyInstanceUid);
      const demo = join(other, 'demo');
      const sample = join(demo, 'current', 'CT0010.dcm');
      const bytes = readFileSync(sample);
      // An older generator's manifest forces regeneration.
      const manifestPath = join(demo, MANIFEST_FILE);
      const stale = JSON.parse(readFileSync(manifestPath, 'utf8'));
      stale.generatorVersion = 'radground-demo-0';
      writeFileSync(manifestPath, JSON.stringify(stale));
      const regenerated = await ensureDemoStudies(other, options);
      expect(JSON.parse(readFileSync(manifestPath, 'utf8')).generatorVersion).toBe(DEMO_GENERATOR_VERSION);
      expect(regenerated).toEqual(first);
      expect(readFileSync(sample).equals(bytes)).toBe(true);
      // A missing slice also triggers regeneration.
      rmSync(sample);
      await ensureDemoStudies(other, options);
      expect(readFileSync(sample).equals(bytes)).toBe(true);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
